/*
 * The one reader of whole numbers written as text (query parameters, route ids): digits and
 * nothing else. strtol alone would take " 5", "+5", "\t5" and "0x5"-like forms too.
 */
#ifndef BASE_NUM_H
#define BASE_NUM_H

/*
 * Read s as a whole number from lo to hi (lo >= 0): one or more ASCII digits, no sign, no
 * space or other character before or after them. Returns 0 with *out the value, or
 * ERR_INVALID (also for NULL or a value past the range) with *out 0.
 */
int num_whole(const char *s, long long lo, long long hi, long long *out);

#endif
