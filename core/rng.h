/* rng.h — seedrandom 2.4.4's ARC4 stream, the generator behind TFP's Math.random()
 * (docs/tfp-behaviour.md §1).
 *
 * One nn_rng is one seeded stream; it is plain data (copy it with `=` to snapshot a stream).
 * Nothing here is global: two streams never affect each other.
 */
#ifndef NN_RNG_H
#define NN_RNG_H

#include <stdint.h>

typedef struct {
  uint8_t s[256];   /* RC4 permutation */
  uint8_t i, j;     /* RC4 indices */
  uint64_t draws;   /* doubles drawn with nn_rng_next since seeding */
} nn_rng;

/* Seeds like Math.seedrandom(seed): `seed` is a NUL-terminated UTF-8 string; its UTF-16 code
 * units (as JavaScript sees the string) form the key (§1.1), then RC4 set-up and drop-256 (§1.2).
 * Invalid UTF-8 bytes count as U+FFFD, as TextDecoder would read them; an encoded lone surrogate
 * (ED A0..BF xx) gives that surrogate's code unit. r->draws is reset to 0. */
void nn_rng_seed(nn_rng *r, const char *seed);

/* Like nn_rng_seed with the key given directly as UTF-16 code units (len may be 0). */
void nn_rng_seed_utf16(nn_rng *r, const uint16_t *units, int len);

/* The next Math.random() value of the stream, in [0, 1) (§1.4). Counts one draw. */
double nn_rng_next(nn_rng *r);

/* U(a, b) exactly as TFP evaluates it: Math.random() * (b - a) + a. */
double nn_rng_uniform(nn_rng *r, double a, double b);

#endif
