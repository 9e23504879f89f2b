/* SPDX-License-Identifier: MIT
 *
 * A bench executable whose strings are hostile, for hostile_e2e.sh: a
 * skip reason holding a newline and a TAP line, a failing benchmark
 * named " # TODO", a name with C1 escapes (U+009B, which the registry
 * allows: it refuses C0 controls, '/' and bytes that are not UTF-8, such
 * as a lone 0x9b), quotes and a backslash, and a
 * group that a spreadsheet would read as a formula.
 */
#include <stdlib.h>

#include "cbench.h"

static void tiny(cbench_state *b)
{
    CBENCH_ITER(b) {
        cbench_clobber_memory();
    }
}

static void crash(cbench_state *b)
{
    (void)b;
    abort();
}

static int skip_setup(cbench_state *b)
{
    return cbench_skip(b, "reason\nok 99 - injected");
}

/* Registered by hand: CBENCH() names benchmarks after C identifiers. */
__attribute__((constructor)) static void register_hostile(void)
{
    static const cbench_options skips = {.setup = skip_setup};
    cbench_register("hostile", "skips", tiny, &skips);
    cbench_register("hostile", "fails # TODO", crash, NULL);
    cbench_register("hostile", "\xc2\x9b" "31m red \xc2\x9b" "0m \"q\" back\\slash", tiny, NULL);
    cbench_register("=cmd|' -C calc'!A0", "calc", tiny, NULL);
}

CBENCH_MAIN()
