#include <string.h>

#include "http/http.h"

/*
 * Segment-by-segment match.  Literal segments compare exactly; {name}
 * takes one non-empty segment; {*} (last) takes the rest.  Captures are
 * copied into the request's arena.  A {org} capture also sets r->org_id
 * (0 if it is not a positive number, which the dispatcher turns into 404).
 */
bool
route_match(const char *pattern, const char *path, struct req *r)
{
	const char *p = pattern, *u = path;

	r->nparam = 0;
	r->org_id = 0;
	while (*p != '\0') {
		const char *pe, *ue;

		if (*p != '/' || *u != '/')
			return false;
		p++;
		u++;
		pe = strchr(p, '/');
		pe = pe ? pe : p + strlen(p);
		ue = strchr(u, '/');
		ue = ue ? ue : u + strlen(u);
		if (*p == '{') {
			size_t nl = (size_t)(pe - p) - 2;
			bool rest = nl == 1 && p[1] == '*';

			if (rest)
				ue = u + strlen(u);
			if (ue == u || r->nparam >= REQ_MAX_PARAMS)
				return false;
			r->param_name[r->nparam] = rest ? "*" :
			    arena_strndup(&r->arena, p + 1, nl);
			r->param[r->nparam].p = arena_strndup(&r->arena, u,
			    (size_t)(ue - u));
			r->param[r->nparam].n = (size_t)(ue - u);
			r->nparam++;
		} else if ((size_t)(pe - p) != (size_t)(ue - u) ||
		    memcmp(p, u, (size_t)(pe - p)) != 0)
			return false;
		p = pe;
		u = ue;
	}
	if (*u != '\0')
		return false;
	r->org_id = req_param(r, "org") ? req_param_id(r, "org") : 0;
	if (req_param(r, "org") != NULL && r->org_id == 0)
		r->org_id = -1;
	return true;
}
