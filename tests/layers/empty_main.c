/* SPDX-License-Identifier: MIT
 *
 * empty_main.c - the program of a layer's link check (meson.build here):
 * it calls nothing; the link itself is the check, because the layer is
 * linked whole (every object, used or not) with only the layers below it,
 * so any reference upward is an undefined symbol at build time.
 */
int main(void)
{
    return 0;
}
