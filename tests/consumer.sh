#!/bin/sh
# cbench from a user's own project, with the README as the only guide:
# tests/consumer (list vs array sum) gets cbench as a subproject through
# the README's wrap file (subprojects/cbench is this source tree, so
# nothing is fetched), cbench's options copied into its
# meson_options.txt, and the README's benchmark() snippet. In a git repo
# whose branch my-branch makes list_sum ten times slower (a change no
# drift of a loaded machine hides), the README's workflow block runs
# verbatim (tests/workflow.sh) in a fresh build with -Dquick=true: save,
# compare, gate, `cbench ab --baseline main` and `cbench compare` must
# each work, and catch the regression.
# Then the stored builds' shared libcbench (RUNPATH and RPATH builds).
# Usage: consumer.sh SOURCE_ROOT. Exit 77 when it cannot run.
set -u
SRC="$1"
. "$SRC/tests/workflow.sh"
wf_tmpdir meson ninja git python3 cc
PROJ="$tmp/proj"
EXPECT_REGRESSION=1
REGRESSED="sum/list/1024"

fail() { echo "consumer: $*"; exit 1; }

# What the README shows must be what the project has: the benchmark()
# snippet (comment lines aside) inside its meson.build, the wrap file as
# it is, and every option of cbench's that yields in its meson_options.txt.
python3 - "$SRC" <<'EOF' || exit 1
import re, sys
src = sys.argv[1]
readme = open(src + '/README.md', encoding='utf-8').read()
part = readme.split('\n## Using it from your Meson project\n', 1)[1]
def block(lang):
    return part.split('```' + lang + '\n', 1)[1].split('```', 1)[0]
snippet = ''.join(l + '\n' for l in block('meson').splitlines() if not l.startswith('#'))
proj = open(src + '/tests/consumer/meson.build').read()
if snippet not in proj:
    sys.exit("consumer: README's benchmark() snippet is not in tests/consumer/meson.build:\n" + snippet)
if block('ini') != open(src + '/tests/consumer/subprojects/cbench.wrap').read():
    sys.exit("consumer: README's wrap file differs from tests/consumer/subprojects/cbench.wrap")
opts = open(src + '/tests/consumer/meson_options.txt').read()
for o in re.findall(r"^option\(.*?'\)\n", open(src + '/meson_options.txt').read(), re.S | re.M):
    if 'yield: true' in o and o not in opts:
        sys.exit("consumer: cbench's option is not in tests/consumer/meson_options.txt:\n" + o)
EOF

cp -r "$SRC/tests/consumer" "$PROJ"
ln -s "$SRC" "$PROJ/subprojects/cbench"
cd "$PROJ"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.org
{
    git init -q -b main . && printf 'build/\nsubprojects/cbench\n' > .gitignore &&
    git add -A && git commit -qm "sums" &&
    git switch -q -c my-branch &&
    sed -i 's|for (; p != NULL; p = p->next)|for (int k = 0; k < 10; k++)\n    for (const node *q = p; q != NULL; q = q->next)|; s|s += p->value;|s += q->value;|' bench_sum.c &&
    git commit -qam "list_sum walks the list ten times" && git switch -q main
} > git.log 2>&1 || { cat git.log; fail "cannot make the project's git repository"; }
grep -q "k < 10" bench_sum.c && fail "main has my-branch's change"

meson setup build -Dquick=true --wrap-mode=nodownload > setup.log 2>&1 \
    || { cat setup.log; fail "meson setup failed"; }
grep -q "Subproject cbench finished" setup.log || { cat setup.log; fail "cbench was not used as a subproject"; }
run_workflow
[ -x build/subprojects/cbench/tools/cbench ] || fail "the benchmark command did not build cbench"
echo "consumer: the README's workflow ran verbatim and caught the regression"

# The stored builds link the subproject's shared libcbench, which is
# stored with them. A build with RUNPATH loads the stored copy; one with
# an absolute RPATH cannot, and ab says so.
git switch -q main > /dev/null 2>&1 || fail "git switch main"
meson compile -C build > compile.log 2>&1 || { cat compile.log; fail "meson compile failed"; }
tool=build/subprojects/cbench/tools/cbench
AB="--rounds 2 --max-rounds 2 --no-fail --measurement-time 0.05 --warm-up-time 0.02"
for exe in bench_sum bench_sum_rpath; do
    build/$exe --quick --charts=never --format=tap --save-baseline libs > save.log 2>&1 \
        || { cat save.log; fail "$exe --save-baseline failed"; }
    ls build/cbench/libs.builds/$exe.libs/libcbench.so* > /dev/null 2>&1 \
        || { ls -R build/cbench; fail "$exe: the shared libcbench was not stored with its build"; }
    "$tool" ab --baseline libs build/$exe $AB > ab.out 2> ab.err \
        || { cat ab.out ab.err; fail "$exe: ab failed"; }
    grep -q "^sum/list/1024 " ab.out || { cat ab.out ab.err; fail "$exe: ab gave no result"; }
done
grep -q "RPATH overrides LD_LIBRARY_PATH" ab.err \
    || { cat ab.err; fail "no warning that the RPATH build loads today's libcbench"; }
"$tool" ab --baseline libs build/bench_sum $AB > ab.out 2> ab.err || { cat ab.err; fail "ab"; }
if grep -q "RPATH" ab.err; then cat ab.err; fail "false RPATH warning"; fi
echo "consumer: cbench ab --baseline reran the stored builds (with their shared libcbench)"
