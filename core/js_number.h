/* js_number.h — JavaScript's Number(string) and String(number), exactly as a browser computes
 * them, so that a URL's numbers mean in nnplay what they mean in TFP.
 *
 * Natively these are C (strtod and printf, assuming the C locale for LC_NUMERIC: the engine never
 * calls setlocale); in the wasm build the page's own JavaScript does both (imports that
 * wasm-bindings/engine.js supplies), which keeps libc's floating-point parsing and printing out
 * of the module.
 */
#ifndef NN_JS_NUMBER_H
#define NN_JS_NUMBER_H

#include <stddef.h>

/* JavaScript's Number(string) (= unary plus) on the len bytes at s (UTF-8; need not be
 * NUL-terminated): "" and blank give 0, "1e-3" 0.001, "0x10" 16, " 5 " 5, "Infinity", "-0" -0,
 * "abc" NaN. Surrounding JS whitespace is ignored; decimal with optional sign, ".5", "5.",
 * exponents; "Infinity"; unsigned 0x/0o/0b integers; anything else is NaN. Allocates only for
 * decimal numerals longer than 255 characters. */
double nn_js_string_to_number(const char *s, size_t len);

/* Formats a double as JavaScript's String(x) does (shortest round trip: "0.03", "1e-7", "NaN",
 * "Infinity", "-0" is "0"). out needs 32 bytes. Returns the length. */
int nn_format_js_number(double x, char out[32]);

/* String.prototype.trim on the len bytes at *s (JS WhiteSpace and LineTerminators, UTF-8):
 * moves *s past the leading ones and returns the length without the trailing ones. A NULL *s
 * is left as it is (len returned). */
size_t nn_js_trim(const char **s, size_t len);

#endif
