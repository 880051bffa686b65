/*
 * num: numbers to text without the C locale's help, so that output never
 * depends on LC_NUMERIC (a German locale would print "24,3").
 */
#ifndef MAMORI_NUM_H
#define MAMORI_NUM_H

#include "arena.h"
#include "buf.h"

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

#endif
