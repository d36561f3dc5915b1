/* notices.h — adding one notice (param, value as written, reason) to a report (state.h:
 * nn_notices), shared by the hash parser (state.c) and the change-log parser (changelog.c). */
#ifndef NN_NOTICES_H
#define NN_NOTICES_H

#include <stddef.h>

#include "state.h"

/* Appends {param[0..plen), value[0..vlen), printf(fmt, ...)} to ns; value NULL means none.
 * Texts longer than their field are cut and end in "..." (never inside a UTF-8 sequence).
 * Past NN_MAX_NOTICES only ns->dropped counts. ns NULL: nothing. */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
void nn_notice_add(nn_notices *ns, const char *param, size_t plen, const char *value,
                   size_t vlen, const char *fmt, ...);

#endif
