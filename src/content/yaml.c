#include "content/yaml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/buf.h"
#include "base/str.h"

/*
 * Positions are kept in the tree itself: every object and array made here
 * gets a hidden member/slot?  jansson has no user data on nodes, so the
 * position of a container is stored in objects as the key "\x01pos"
 * ("line:col"), which no YAML text key can spell, and yaml_pos() reads it.
 * Scalars report the position of the container they are in.
 */
#define POS_KEY	"\x01pos"

struct yctx {
	yaml_parser_t	 p;
	char		*err;
	size_t		 errlen;
};

static json_t	*y_node(struct yctx *y, yaml_event_t *ev, int depth);

static void
y_error(struct yctx *y, int line, int col, const char *msg)
{
	snprintf(y->err, y->errlen, "%d:%d: %s", line, col, msg);
}

static void
y_setpos(json_t *obj, const yaml_mark_t *m)
{
	char b[32];

	if (!json_is_object(obj))
		return;
	snprintf(b, sizeof(b), "%zu:%zu", m->line + 1, m->column + 1);
	json_object_set_new(obj, POS_KEY, json_string(b));
}

static json_t *
y_scalar(yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	long v;

	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    str_to_long((struct str){ s, n }, -1000000000L, 1000000000L,
	    &v) == 0)
		return json_integer(v);
	return json_stringn(s, n);
}

static int
y_next(struct yctx *y, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&y->p, ev)) {
		y_error(y, (int)y->p.problem_mark.line + 1,
		    (int)y->p.problem_mark.column + 1,
		    y->p.problem ? y->p.problem : "syntax error");
		return -1;
	}
	return 0;
}

static json_t *
y_mapping(struct yctx *y, const yaml_mark_t *start, int depth)
{
	json_t *obj = json_object();
	yaml_event_t ev;

	y_setpos(obj, start);
	for (;;) {
		json_t *val;
		char *key;
		yaml_mark_t km;

		if (y_next(y, &ev) != 0)
			goto fail;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return obj;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			y_error(y, (int)ev.start_mark.line + 1,
			    (int)ev.start_mark.column + 1,
			    "mapping keys must be plain text");
			yaml_event_delete(&ev);
			goto fail;
		}
		km = ev.start_mark;
		key = strndup((const char *)ev.data.scalar.value,
		    ev.data.scalar.length);
		yaml_event_delete(&ev);
		if (key == NULL)
			goto fail;
		if (json_object_get(obj, key) != NULL) {
			y_error(y, (int)km.line + 1, (int)km.column + 1,
			    "duplicate key");
			free(key);
			goto fail;
		}
		if (y_next(y, &ev) != 0) {
			free(key);
			goto fail;
		}
		val = y_node(y, &ev, depth + 1);
		if (val == NULL) {
			free(key);
			goto fail;
		}
		json_object_set_new(obj, key, val);
		free(key);
	}
fail:
	json_decref(obj);
	return NULL;
}

static json_t *
y_sequence(struct yctx *y, int depth)
{
	json_t *arr = json_array();
	yaml_event_t ev;

	for (;;) {
		json_t *val;

		if (y_next(y, &ev) != 0)
			goto fail;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return arr;
		}
		if ((val = y_node(y, &ev, depth + 1)) == NULL)
			goto fail;
		json_array_append_new(arr, val);
	}
fail:
	json_decref(arr);
	return NULL;
}

/* Build the node that starts with *ev (consumed here). */
static json_t *
y_node(struct yctx *y, yaml_event_t *ev, int depth)
{
	yaml_mark_t m = ev->start_mark;
	json_t *v = NULL;

	if (depth > 64) {
		y_error(y, (int)m.line + 1, (int)m.column + 1,
		    "nested too deeply");
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		v = y_scalar(ev);
		yaml_event_delete(ev);
		return v;
	case YAML_MAPPING_START_EVENT:
		yaml_event_delete(ev);
		return y_mapping(y, &m, depth);
	case YAML_SEQUENCE_START_EVENT:
		yaml_event_delete(ev);
		return y_sequence(y, depth);
	case YAML_ALIAS_EVENT:
		y_error(y, (int)m.line + 1, (int)m.column + 1,
		    "aliases are not allowed");
		break;
	default:
		y_error(y, (int)m.line + 1, (int)m.column + 1,
		    "unexpected YAML event");
		break;
	}
	yaml_event_delete(ev);
	return NULL;
}

json_t *
yaml_parse(const char *data, size_t n, char *err, size_t errlen)
{
	struct yctx y = { .err = err, .errlen = errlen };
	yaml_event_t ev;
	json_t *root = NULL;
	int done = 0;

	yaml_parser_initialize(&y.p);
	yaml_parser_set_input_string(&y.p, (const unsigned char *)data, n);
	while (!done) {
		if (y_next(&y, &ev) != 0)
			goto fail;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			done = 1;
			break;
		default:
			if (root != NULL) {
				y_error(&y, (int)ev.start_mark.line + 1,
				    (int)ev.start_mark.column + 1,
				    "only one document is allowed");
				yaml_event_delete(&ev);
				goto fail;
			}
			if ((root = y_node(&y, &ev, 0)) == NULL)
				goto fail;
			break;
		}
	}
	yaml_parser_delete(&y.p);
	if (root == NULL) {
		snprintf(err, errlen, "1:1: empty document");
		return NULL;
	}
	return root;
fail:
	json_decref(root);
	yaml_parser_delete(&y.p);
	return NULL;
}

json_t *
yaml_load_file(const char *path, char *err, size_t errlen)
{
	struct buf b = BUF_INIT;
	char chunk[8192], sub[512];
	FILE *f = fopen(path, "rb");
	size_t n;
	json_t *v;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, 16 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (b.err) {
		snprintf(err, errlen, "%s: file too large", path);
		buf_free(&b);
		return NULL;
	}
	v = yaml_parse(buf_cstr(&b), b.n, sub, sizeof(sub));
	if (v == NULL)
		snprintf(err, errlen, "%s:%s", path, sub);
	buf_free(&b);
	return v;
}

void
yaml_pos(const json_t *v, int *line, int *col)
{
	const char *s = json_string_value(json_object_get(v, POS_KEY));

	*line = *col = 0;
	if (s != NULL && sscanf(s, "%d:%d", line, col) != 2)
		*line = *col = 0;
}
