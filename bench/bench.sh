#!/usr/bin/env bash
# bench/bench.sh -- throughput benchmark (NOT a test): Mondo vs tar|gzip,
# tar|zstd, plain tar and afio on the same corpus of real files from /usr.
#
# Run as root.  See bench/README.md.  `bench/bench.sh --help` for options.
set -u -o pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$SCRIPT_DIR")

SIZE_MB=1200
BASE=/var/tmp/mondo-bench
CORPUS=$BASE/corpus
WORK=$BASE/work
OUT=
ONLY=
MONDO_EXTRA=
MONDO_TIMEOUT=7200
SETTLE=70
RUNS=1
SELECT_VERSION=3          # bump when the corpus selection below changes
ALL_TOOLS="gzip afio zstd mondo tar"  # run order: mondo between its two targets
LAST_DELETE=0             # when this script last deleted a tree (see settle)

usage() {
    cat <<EOF
Usage: bench/bench.sh [options]

Backs up the same corpus with several tools, restores each archive into an
empty directory, checks the restored tree against the corpus (diff -r) and
prints throughput side by side.

Options:
  --size-mb N          corpus size in MB (10^6 bytes), default $SIZE_MB
  --corpus DIR         corpus cache dir, default $CORPUS
                       (rebuilt only when missing or of another size)
  --work DIR           work dir for archives/restores/logs, default $WORK
  --out FILE           results file, default <work>/results.txt
  --only LIST          comma list among: ${ALL_TOOLS// /,}  (default: all)
  --repo DIR           Mondo checkout whose bin/ is benchmarked, default
                       $REPO (the parent of this script's dir)
  --mondo-extra "ARGS" extra options appended to the mondoarchive command
  --mondo-timeout SEC  kill mondoarchive/mondorestore after SEC s (default
                       $MONDO_TIMEOUT, 0 = never)
  --runs N             N rounds; each round runs every tool's backup and
                       restore once, in the order of --only, so that a quiet
                       or a busy spell of the host falls on all tools; the
                       table gives the fastest and the median run (default
                       $RUNS; the check uses the last restore)
  --settle SEC         before a timed backup or restore, wait until SEC s have passed
                       since the bench last deleted a tree (default $SETTLE,
                       0 = off).  ext4 without a journal does not reuse an
                       inode freed less than 60 s ago (360 s while its inode
                       table block is still dirty: the script syncs first) and
                       reads past each one at every file it creates
                       (recently_deleted()); a restore started right after an
                       rm -rf spent up to 10x the system time.
  -h, --help           this help

Tools:
  gzip   tar -cf - | gzip (-6)          / gzip -dc | tar -xf -
  zstd   tar -cf - | zstd -T0 -3        / zstd -dc | tar -xf -
  tar    tar -cf (no compression)       / tar -xf        (restore baseline)
  afio   find . | afio -o -Z            / afio -i -Z
  mondo  \$REPO/bin/mondoarchive -O -i -d WORK/mondo/archive -p bench -s 4480m -I CORPUS -N -W
         \$REPO/bin/mondorestore -i -d WORK/mondo/archive -p bench --restore-to WORK/mondo/restore
Each tool's archive is in WORK/<tool>/archive, its restore in WORK/<tool>/restore.
EOF
}

die() { echo "bench.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case $1 in
        --size-mb)       SIZE_MB=${2:?}; shift 2 ;;
        --size-mb=*)     SIZE_MB=${1#*=}; shift ;;
        --corpus)        CORPUS=${2:?}; shift 2 ;;
        --corpus=*)      CORPUS=${1#*=}; shift ;;
        --work)          WORK=${2:?}; shift 2 ;;
        --work=*)        WORK=${1#*=}; shift ;;
        --out)           OUT=${2:?}; shift 2 ;;
        --out=*)         OUT=${1#*=}; shift ;;
        --repo)          REPO=${2:?}; shift 2 ;;
        --repo=*)        REPO=${1#*=}; shift ;;
        --only)          ONLY=${2:?}; shift 2 ;;
        --only=*)        ONLY=${1#*=}; shift ;;
        --mondo-extra)   MONDO_EXTRA=${2?}; shift 2 ;;
        --mondo-extra=*) MONDO_EXTRA=${1#*=}; shift ;;
        --mondo-timeout) MONDO_TIMEOUT=${2:?}; shift 2 ;;
        --mondo-timeout=*) MONDO_TIMEOUT=${1#*=}; shift ;;
        --runs)          RUNS=${2:?}; shift 2 ;;
        --runs=*)        RUNS=${1#*=}; shift ;;
        --settle)        SETTLE=${2:?}; shift 2 ;;
        --settle=*)      SETTLE=${1#*=}; shift ;;
        -h|--help)       usage; exit 0 ;;
        *)               usage >&2; die "unknown option: $1" ;;
    esac
done

[[ $SIZE_MB =~ ^[0-9]+$ ]] && [ "$SIZE_MB" -gt 0 ] || die "--size-mb needs a positive integer"
[[ $MONDO_TIMEOUT =~ ^[0-9]+$ ]] || die "--mondo-timeout needs an integer"
[[ $SETTLE =~ ^[0-9]+$ ]] || die "--settle needs an integer"
[[ $RUNS =~ ^[0-9]+$ ]] && [ "$RUNS" -gt 0 ] || die "--runs needs a positive integer"
CORPUS=$(realpath -m "$CORPUS"); WORK=$(realpath -m "$WORK")
[ -n "$OUT" ] || OUT=$WORK/results.txt
case "$WORK/" in "$CORPUS"/*) die "--work must not be inside --corpus" ;; esac
case "$CORPUS/" in "$WORK"/*) die "--corpus must not be inside --work" ;; esac

TOOLS=()
IFS=, read -r -a _req <<<"${ONLY:-${ALL_TOOLS// /,}}"
for t in "${_req[@]}"; do
    t=${t// /}; [ -n "$t" ] || continue
    case " $ALL_TOOLS " in *" $t "*) ;; *) die "unknown tool in --only: $t (known: ${ALL_TOOLS// /,})" ;; esac
    TOOLS+=("$t")
done
[ ${#TOOLS[@]} -gt 0 ] || die "--only selects no tool"

[ "$(id -u)" -eq 0 ] || echo "bench.sh: WARNING: not root; ownership/modes may not restore exactly and mondo needs root" >&2

for c in tar gzip zstd afio find diff awk du; do
    command -v "$c" >/dev/null || echo "bench.sh: WARNING: '$c' not found" >&2
done

LOGDIR=$WORK/logs
mkdir -p "$WORK" "$LOGDIR" "$(dirname "$OUT")" || die "cannot create work dir $WORK"

now() { date +%s.%N; }
# fmt A / B with D decimals, "-" when B is 0 or missing
div() { awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN{ if (b+0 <= 0 || a == "") print "-"; else printf "%.*f\n", d, a/b }'; }
mbps() { awk -v b="$CBYTES" -v s="$1" 'BEGIN{ if (s+0 <= 0) print "-"; else printf "%.1f\n", b/1e6/s }'; }
min_t() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "" || b+0 < a+0) print b; else print a }'; }
sub_t() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.2f\n", b-a }'; }

# Unmount anything we may have left mounted under the work dir (mondo may
# loop-mount ISOs); deepest first.
unmount_under() {
    local d=$1 m
    awk -v d="$d" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r m; do
        m=$(printf '%b' "$m")
        echo "bench.sh: unmounting leftover mount $m" >&2
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
}
cleanup() { unmount_under "$WORK"; }
trap cleanup EXIT
trap 'echo "bench.sh: interrupted" >&2; exit 130' INT TERM

# ---------------------------------------------------------------- corpus --
# Subtree weights (percent).  Files are sampled deterministically inside each
# subtree: list sorted by path, accumulate "credit" = size * budget/total and
# take a file when the credit covers it (so the sample is spread over the
# whole sorted subtree instead of being an alphabetical prefix).  Hard links
# are taken once.  A final pass tops up from the leftovers, in the same order,
# until the requested size is reached (exceeded by at most 1 MB).
SUBTREES=(
    "18 /usr/bin"
    "1  /usr/sbin"
    "22 /usr/lib/x86_64-linux-gnu"
    "8  /usr/lib/jvm"
    "6  /usr/lib/llvm-14"
    "4  /usr/lib/gcc"
    "4  /usr/lib/python3"
    "4  /usr/lib/python3.11"
    "8  /usr/lib/google-cloud-sdk"
    "6  /usr/share/doc"
    "5  /usr/share/man"
    "4  /usr/share/locale"
    "3  /usr/share/icons"
    "4  /usr/share"
    "3  /usr/include"
)
SHARE_PRUNE=(/usr/share/doc /usr/share/man /usr/share/locale /usr/share/icons)

corpus_stats() {   # -> "bytes files"
    find "$1" -type f -printf '%s\n' | awk '{ b += $1; n++ } END { printf "%.0f %d\n", b, n }'
}

build_corpus() {
    local target=$(( SIZE_MB * 1000000 )) list idx w dir i=0 prune=()
    local tmp=$CORPUS.building
    echo "Building corpus: $SIZE_MB MB from /usr into $CORPUS (one-off, cached)"
    if [ -e "$tmp" ]; then rm -rf -- "$tmp"; LAST_DELETE=$(date +%s.%N); fi
    mkdir -p "$tmp" || die "cannot create $tmp"
    list=$(mktemp "${TMPDIR:-/tmp}/mondo-bench-list.XXXXXX")
    for p in "${SHARE_PRUNE[@]}"; do prune+=(-path "$p" -prune -o); done
    {
        for entry in "${SUBTREES[@]}"; do
            read -r w dir <<<"$entry"
            i=$((i + 1))
            [ -d "$dir" ] || continue
            if [ "$dir" = /usr/share ]; then
                find "$dir" "${prune[@]}" -type f -printf "$i\t$w\t%D:%i\t%s\t%p\n"
            else
                find "$dir" -type f -printf "$i\t$w\t%D:%i\t%s\t%p\n"
            fi 2>/dev/null | sort -t "$(printf '\t')" -k5,5
        done
    } | awk -F '\t' -v target="$target" '
        # fields: idx weight dev:ino size path   (already grouped by idx, sorted by path)
        NF != 5 { next }
        seen[$3]++ { next }
        { n++; idx[n] = $1; sz[n] = $4; path[n] = $5; tot[$1] += $4; wt[$1] = $2 }
        END {
            # Water-filling: budget_k = min(tot_k, share of what is left by
            # weight); a subtree smaller than its share is taken whole and
            # the rest is re-split among the others by weight.
            left = target
            do {
                wsum = 0; for (k in wt) if (!(k in bud)) wsum += wt[k]
                if (wsum == 0) break
                hit = ""
                for (k in wt) if (!(k in bud) && tot[k] <= left * wt[k] / wsum) { hit = k; break }
                if (hit != "") { bud[hit] = tot[hit]; left -= tot[hit] }
            } while (hit != "")
            for (k in wt) if (!(k in bud)) bud[k] = left * wt[k] / wsum
            for (k in wt) { f[k] = (tot[k] > 0) ? bud[k] / tot[k] : 0; if (f[k] > 1) f[k] = 1 }
            got = 0
            for (j = 1; j <= n; j++) {
                k = idx[j]; cr[k] += sz[j] * f[k]
                if (cr[k] >= sz[j] && got < target) { take[j] = 1; cr[k] -= sz[j]; got += sz[j]; gk[k] += sz[j] }
            }
            # per-subtree top-up (big files the credit never reached), then global
            for (j = 1; j <= n && got < target; j++) {
                k = idx[j]
                if (!take[j] && gk[k] < bud[k] && sz[j] <= bud[k] - gk[k]) { take[j] = 1; got += sz[j]; gk[k] += sz[j] }
            }
            for (j = 1; j <= n && got < target; j++)
                if (!take[j] && sz[j] <= target - got + 1000000) { take[j] = 1; got += sz[j] }
            for (j = 1; j <= n; j++) if (take[j]) print substr(path[j], 2)   # relative to /
        }' > "$list"
    [ -s "$list" ] || { rm -f "$list"; die "corpus selection is empty"; }
    # Copy with tar: keeps modes/owners/mtimes, creates parent dirs.
    if ! tar -C / -cf - --no-recursion --verbatim-files-from -T "$list" 2>"$LOGDIR/corpus-build.log" |
         tar -C "$tmp" -xf - 2>>"$LOGDIR/corpus-build.log"; then
        echo "bench.sh: WARNING: tar reported problems building the corpus, see $LOGDIR/corpus-build.log" >&2
    fi
    rm -f "$list"
    # Swap in the new tree only now (someone may be reading the old one).
    rm -f -- "$CORPUS.stamp"
    if [ -e "$CORPUS" ]; then
        rm -rf -- "$CORPUS.old"; mv -- "$CORPUS" "$CORPUS.old" || die "cannot move old $CORPUS aside"
    fi
    mv -- "$tmp" "$CORPUS" || die "cannot move $tmp to $CORPUS"
    if [ -e "$CORPUS.old" ]; then rm -rf -- "$CORPUS.old"; LAST_DELETE=$(date +%s.%N); fi
    read -r CBYTES CFILES < <(corpus_stats "$CORPUS")
    printf 'size_mb=%s\nversion=%s\nbytes=%s\nfiles=%s\n' "$SIZE_MB" "$SELECT_VERSION" "$CBYTES" "$CFILES" > "$CORPUS.stamp"
    sync
}

stamp_get() { sed -n "s/^$1=//p" "$CORPUS.stamp" 2>/dev/null; }
if [ -d "$CORPUS" ] && [ "$(stamp_get size_mb)" = "$SIZE_MB" ] && [ "$(stamp_get version)" = "$SELECT_VERSION" ]; then
    echo "Reusing cached corpus $CORPUS ($SIZE_MB MB)"
else
    build_corpus
fi
read -r CBYTES CFILES < <(corpus_stats "$CORPUS")
[ "$CBYTES" -gt 0 ] 2>/dev/null || die "corpus $CORPUS is empty"
CDIRS=$(find "$CORPUS" -type d | wc -l)
CLINKS=$(find "$CORPUS" -type l | wc -l)

# Warm the page cache (untimed).  Piped through cat: GNU tar skips reading file
# data when its archive is /dev/null itself.
echo "Warm-up: untimed read of the corpus (tar -cf - corpus | cat > /dev/null)"
tar -C "$CORPUS" -cf - . | cat > /dev/null

# ----------------------------------------------------------------- tools --
# Each tool has its own archive and restore directories, WORK/<tool>/archive
# and WORK/<tool>/restore.  The runs are interleaved: round r runs every tool
# once, in the order of --only, so that the slow and the fast periods of a
# shared host fall on all tools alike (run one tool N times, then the next, and
# a quiet minute decides the comparison).  The default order puts mondo
# between tar|zstd (its backup target) and tar (its restore target).

clean_tool_dirs() {   # clean_tool_dirs [TOOL...]: those tools' dirs, default all
    unmount_under "$WORK"
    local t d tools=("$@")
    # With no argument: every tool, and the flat dirs of bench versions before 2026-11.
    [ $# -gt 0 ] || read -r -a tools <<<"$ALL_TOOLS archive restore mondo-restore"
    for t in "${tools[@]}"; do
        d=$WORK/$t
        if [ -e "$d" ]; then rm -rf -- "$d"; LAST_DELETE=$(now); fi
    done
}
# settle: see --settle in the help text (ext4 recently_deleted()).
settle() {
    [ "$SETTLE" -gt 0 ] || return 0
    local w
    w=$(awk -v l="$LAST_DELETE" -v n="$(now)" -v s="$SETTLE" 'BEGIN{ w = l + s - n; if (l > 0 && w > 0) printf "%d\n", w + 1; else print 0 }')
    if [ "$w" -gt 0 ]; then
        echo "       (settle: waiting ${w}s since the last rm -rf, untimed)"
        sync; sleep "$w"
    fi
}

# Per tool: its commands, where its output and its restored tree are, the
# times of its runs (space-separated), its ratio, check and note.
declare -A B_CMD R_CMD OUTPUT RESTORED B_RUNS R_RUNS R_OMB R_RATIO R_CHK R_NOTE

# run_timed LOG CMD... : runs CMD (bash -c string) with stdin=/dev/null,
# appends output to LOG, sets ELAPSED and RC.
run_timed() {
    local log=$1 cmd=$2 t0 t1
    echo "+ $cmd" >> "$log"
    t0=$(now)
    bash -o pipefail -c "$cmd" </dev/null >>"$log" 2>&1
    RC=$?
    t1=$(now)
    ELAPSED=$(sub_t "$t0" "$t1")
    echo "  (rc=$RC, ${ELAPSED}s)" >> "$log"
}

check_tree() {   # check_tree RESTORED_DIR LOG -> echoes OK / DIFFERS
    local r=$1 log=$2
    if [ ! -d "$r" ]; then echo "DIFFERS"; echo "restored dir $r missing" >> "$log"; return; fi
    if diff -r --no-dereference "$CORPUS" "$r" >> "$log" 2>&1; then echo OK; else echo DIFFERS; fi
}

fail() { R_CHK[$1]=FAILED; R_NOTE[$1]=$2; }

tool_commands() {   # tool_commands TOOL: fills B_CMD, R_CMD, OUTPUT, RESTORED
    local t=$1 d=$WORK/$1 to=""
    local c=${CORPUS@Q} a=${d@Q}/archive r=${d@Q}/restore
    OUTPUT[$t]=$d/archive; RESTORED[$t]=$d/restore
    case $t in
        gzip) OUTPUT[$t]=$d/archive/out.tar.gz
              B_CMD[$t]="tar -C $c -cf - . | gzip > $a/out.tar.gz"
              R_CMD[$t]="gzip -dc $a/out.tar.gz | tar -C $r -xf -" ;;
        zstd) OUTPUT[$t]=$d/archive/out.tar.zst
              B_CMD[$t]="tar -C $c -cf - . | zstd -q -T0 -3 -o $a/out.tar.zst"
              R_CMD[$t]="zstd -q -dc $a/out.tar.zst | tar -C $r -xf -" ;;
        tar)  OUTPUT[$t]=$d/archive/out.tar
              B_CMD[$t]="tar -C $c -cf $a/out.tar ."
              R_CMD[$t]="tar -C $r -xf $a/out.tar" ;;
        afio) OUTPUT[$t]=$d/archive/out.afio
              B_CMD[$t]="cd $c && find . | afio -o -Z $a/out.afio"
              R_CMD[$t]="cd $r && afio -i -Z $a/out.afio" ;;
        mondo)
            local m
            for m in mondoarchive mondorestore; do
                [ -x "$REPO/bin/$m" ] || { fail mondo "bin/$m missing"; return; }
            done
            [ "$MONDO_TIMEOUT" -gt 0 ] && to="timeout -k 30 $MONDO_TIMEOUT "
            B_CMD[$t]="$to${REPO@Q}/bin/mondoarchive -O -i -d $a -p bench -s 4480m -I $c -N -W $MONDO_EXTRA"
            R_CMD[$t]="$to${REPO@Q}/bin/mondorestore -i -d $a -p bench --restore-to $r"
            # Mondo restores absolute paths under --restore-to.
            RESTORED[$t]=$d/restore$CORPUS ;;
    esac
}

output_bytes() {   # output_bytes TOOL: the size of its archive (mondo: all its ISOs)
    local o=${OUTPUT[$1]}
    if [ -d "$o" ]; then
        find "$o" -maxdepth 1 -type f -name 'bench-*.iso' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }'
    elif [ -f "$o" ]; then
        stat -c %s "$o"
    else
        echo 0
    fi
}

tool_run() {   # tool_run TOOL RUN: one timed backup and one timed restore
    local t=$1 run=$2 log=$LOGDIR/$1.log d=$WORK/$1 obytes
    [ "${R_CHK[$t]:-}" = FAILED ] && return
    clean_tool_dirs "$t"
    mkdir -p "$d/archive" "$d/restore"
    settle   # a backup creates files too (mondo: its sets), and the delete above was just now
    echo "[$t] backup  (run $run/$RUNS) ..."
    run_timed "$log" "${B_CMD[$t]}"
    unmount_under "$WORK"
    obytes=$(output_bytes "$t")
    if [ "$RC" -ne 0 ] || [ "${obytes:-0}" -le 0 ]; then
        fail "$t" "backup rc=$RC, output bytes ${obytes:-0}, see $log"; clean_tool_dirs "$t"; return
    fi
    B_RUNS[$t]+="$ELAPSED "
    R_OMB[$t]=$(div "$obytes" 1000000 1); R_RATIO[$t]=$(div "$CBYTES" "$obytes" 2)
    sync
    settle
    echo "[$t] restore (run $run/$RUNS) ..."
    run_timed "$log" "${R_CMD[$t]}"
    unmount_under "$WORK"
    if [ "$RC" -ne 0 ]; then
        fail "$t" "restore rc=$RC, see $log"; clean_tool_dirs "$t"; return
    fi
    R_RUNS[$t]+="$ELAPSED "
    sync
    if [ "$run" -eq "$RUNS" ]; then
        echo "[$t] check (diff -r, untimed) ..."
        R_CHK[$t]=$(check_tree "${RESTORED[$t]}" "$log")
        clean_tool_dirs "$t"
    fi
}

# ---------------------------------------------------------------- report --
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
header() {
    echo "== Mondo throughput benchmark =="
    echo "date      : $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "host      : $(uname -n)   kernel $(uname -r)   nproc $(nproc)"
    echo "cpu       : ${CPU:-unknown}"
    echo "memory    : $(awk '/^MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo)"
    echo "corpus    : $CORPUS"
    echo "            $(div "$CBYTES" 1000000 1) MB in $CFILES regular files ($CDIRS dirs, $CLINKS symlinks), requested $SIZE_MB MB"
    echo "work dir  : $WORK"
    echo "versions  : $(tar --version | head -1); gzip $(gzip --version | awk 'NR==1{print $2}'); zstd $(zstd -V | grep -o 'v[0-9][0-9.]*' | head -1); afio $(dpkg-query -W -f='${Version}' afio 2>/dev/null || echo '?')"
    echo "cache     : page cache WARM (one untimed tar read of the corpus first; not dropped)"
    echo "runs      : $RUNS interleaved rounds (each runs every tool once); backups and restores start >= ${SETTLE}s after the bench's last rm -rf (ext4 settle)"
    echo "units     : MB = 10^6 bytes; MB/s = corpus bytes / wall seconds; ratio = corpus bytes / output bytes"
    echo "            backup time excludes the final sync; restore check (diff -r) is untimed"
}

header
echo "tools     : ${TOOLS[*]}"
echo
RUN_T0=$(now)
clean_tool_dirs
for t in "${TOOLS[@]}"; do : > "$LOGDIR/$t.log"; tool_commands "$t"; done
for (( run = 1; run <= RUNS; run++ )); do
    [ "$RUNS" -gt 1 ] && echo "-- round $run/$RUNS --"
    for t in "${TOOLS[@]}"; do tool_run "$t" "$run"; done
done
clean_tool_dirs

# best_of / median_of "T1 T2 ..." -> the fastest / the median time, "" if none
best_of()   { tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g | head -1; }
median_of() { tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g |
              awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else if (NR) printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
slash()     { awk 'NF' <<<"$1" | sed 's/ *$//; s/ / \/ /g'; }
# paired_median A B "RUNS_A" "RUNS_B": median over the rounds of B's time / A's time
# (B's throughput relative to A's, each round's two runs side by side in time)
paired_median() {
    local -a x y; read -r -a x <<<"$1"; read -r -a y <<<"$2"
    local i n=${#x[@]} q=""
    [ ${#y[@]} -lt "$n" ] && n=${#y[@]}
    for (( i = 0; i < n; i++ )); do q+="$(div "${x[$i]}" "${y[$i]}" 3) "; done
    median_of "$q"
}
verdict() { awk -v v="$1" -v m="$2" 'BEGIN{ if (v == "" || v == "-") print "n/a"; else print (v >= m) ? "MET" : "NOT MET" }'; }

table() {
    local fmt="%-6s %9s %10s %9s %10s %6s %10s %11s %9s  %s\n" t chk bs rs
    printf "$fmt" tool "backup s" "backup MB/s" "median s" "output MB" ratio "restore s" "restore MB/s" "median s" check
    printf "$fmt" ------ --------- ---------- --------- ---------- ------ ---------- ----------- --------- -------
    for t in "${TOOLS[@]}"; do
        chk=${R_CHK[$t]:-?}
        bs=$(best_of "${B_RUNS[$t]:-}"); rs=$(best_of "${R_RUNS[$t]:-}")
        printf "$fmt" "$t" "${bs:--}" "$(mbps "$bs")" "$(median_of "${B_RUNS[$t]:-}")" "${R_OMB[$t]:--}" "${R_RATIO[$t]:--}" \
            "${rs:--}" "$(mbps "$rs")" "$(median_of "${R_RUNS[$t]:-}")" "$chk"
    done
    echo
    echo "backup s, restore s: the fastest of $RUNS interleaved runs; median s: their median"
    if [ "$RUNS" -gt 1 ]; then
        for t in "${TOOLS[@]}"; do
            printf "runs: %-6s backup %s; restore %s\n" "$t" "$(slash "${B_RUNS[$t]:-}")" "$(slash "${R_RUNS[$t]:-}")"
        done
    fi
    echo "commands: gzip = tar -cf - | gzip ; gzip -dc | tar -xf -    zstd = tar -cf - | zstd -T0 -3 ; zstd -dc | tar -xf -"
    echo "          tar  = tar -cf ; tar -xf    afio = find . | afio -o -Z ; afio -i -Z"
    echo "          mondo = bin/mondoarchive -O -i -d W/mondo/archive -p bench -s 4480m -I CORPUS -N -W ${MONDO_EXTRA:+$MONDO_EXTRA }; bin/mondorestore -i -d W/mondo/archive -p bench --restore-to W/mondo/restore"
    for t in "${TOOLS[@]}"; do
        [ -n "${R_NOTE[$t]:-}" ] && echo "note: $t: ${R_NOTE[$t]}"
    done
    echo "logs: $LOGDIR/<tool>.log"
    echo
    echo "Project targets (mondo check: ${R_CHK[mondo]:-?}):"
    local v w p
    v=$(div "$(best_of "${B_RUNS[zstd]:-}")" "$(best_of "${B_RUNS[mondo]:-}")" 2)
    w=$(div "$(median_of "${B_RUNS[zstd]:-}")" "$(median_of "${B_RUNS[mondo]:-}")" 2)
    p=$(paired_median "${B_RUNS[zstd]:-}" "${B_RUNS[mondo]:-}")
    echo "  backup:  mondo MB/s / tar|zstd -T0 -3 MB/s = $v best, $w median, ${p:--} median of the rounds   (target >= 0.8 on the best: $(verdict "$v" 0.8))"
    v=$(div "$(best_of "${R_RUNS[tar]:-}")" "$(best_of "${R_RUNS[mondo]:-}")" 2)
    w=$(div "$(median_of "${R_RUNS[tar]:-}")" "$(median_of "${R_RUNS[mondo]:-}")" 2)
    p=$(paired_median "${R_RUNS[tar]:-}" "${R_RUNS[mondo]:-}")
    echo "  restore: mondo MB/s / tar -x MB/s          = $v best, $w median, ${p:--} median of the rounds   (target >= 1.0 on the best: $(verdict "$v" 1.0))"
}

echo
TABLE=$(table)
echo "$TABLE"
echo "total bench wall time: $(sub_t "$RUN_T0" "$(now)") s"
{ header; echo "tools     : ${TOOLS[*]}"; echo; echo "$TABLE"; } > "$OUT"
echo "results written to $OUT"
