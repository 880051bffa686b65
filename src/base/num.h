/*
 * num: numbers to text without the C locale's help, so that output never
 * depends on LC_NUMERIC (a German locale would print "24,3"), and lists
 * of integers as text.
 */
#ifndef MAMORI_NUM_H
#define MAMORI_NUM_H

#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "str.h"

/* Append v rounded to `decimals` places (0..6), half away from zero,
 * trailing zeros kept: num_fixed(b, 24.25, 1) → "24.3".  Non-finite
 * values, and values whose scaled magnitude passes 9e17, print as zero
 * ("0.0" with one decimal). */
void	num_fixed(struct buf *b, double v, int decimals);
/* As num_fixed but trailing zeros (and a bare '.') dropped: for SVG. */
void	num_short(struct buf *b, double v, int decimals);
/* Integer tenths (243) as "24.3"; -5 as "-0.5". */
void	num_tenths(struct buf *b, long tenths);
/* The same as a string in a. */
const char *num_tenths_a(struct arena *a, long tenths);
/* The n integers of the list "a,b,c" into v[0..n): a missing or malformed
 * one (or one past ±10^12) reads as zero. */
void	num_list_parse(struct str s, int64_t *v, int n);
/* v[0..n) as the list "a,b,c", in a. */
char	*num_list_format(struct arena *a, const int64_t *v, int n);

#endif
