/*
 * yaml: read a YAML file into a jansson tree.  Scalars become strings,
 * except plain (unquoted) scalars that are whole decimal integers, which
 * become integers; no booleans, no floats, no anchors or tags.  Every
 * node remembers where it started so validators can say FILE:LINE:COLUMN.
 */
#ifndef MAMORI_CONTENT_YAML_H
#define MAMORI_CONTENT_YAML_H

#include <jansson.h>
#include <stddef.h>

/*
 * Parse the bytes of a YAML document.  Returns a new reference (the caller
 * json_decref()s it), or NULL with "LINE:COLUMN: message" in err.  The
 * position of a node is looked up with yaml_pos().
 */
json_t	*yaml_parse(const char *data, size_t n, char *err, size_t errlen);
/* Parse the file at path; errors are "PATH:LINE:COLUMN: message". */
json_t	*yaml_load_file(const char *path, char *err, size_t errlen);
/* Line and column (1-based) where node v started, 0/0 if unknown. */
void	 yaml_pos(const json_t *v, int *line, int *col);

#endif
