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
ONLY=gzip,zstd,tar,afio,mondo
MONDO_EXTRA=
MONDO_TIMEOUT=7200
SETTLE=40
RUNS=1
SELECT_VERSION=3          # bump when the corpus selection below changes
ALL_TOOLS="gzip zstd tar afio mondo"
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
  --runs N             repeat each backup+restore N times, report the fastest
                       (default $RUNS; the check uses the last restore)
  --settle SEC         before a timed restore, wait until SEC s have passed
                       since the bench last deleted a tree (default $SETTLE,
                       0 = off).  ext4 without a journal refuses to reuse
                       inodes freed in the last ~30-35 s and scans past them
                       (recently_deleted()), which made a restore started right
                       after an rm -rf up to 10x slower in system time.
  -h, --help           this help

Tools:
  gzip   tar -cf - | gzip (-6)          / gzip -dc | tar -xf -
  zstd   tar -cf - | zstd -T0 -3        / zstd -dc | tar -xf -
  tar    tar -cf (no compression)       / tar -xf        (restore baseline)
  afio   find . | afio -o -Z            / afio -i -Z
  mondo  \$REPO/bin/mondoarchive -O -i -d WORK/mondo -p bench -s 4480m -I CORPUS -N -W
         \$REPO/bin/mondorestore -i -d WORK/mondo -p bench --restore-to WORK/mondo-restore
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
IFS=, read -r -a _req <<<"$ONLY"
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
ARCH_DIR=$WORK/archive
REST_DIR=$WORK/restore

clean_tool_dirs() {
    unmount_under "$WORK"
    local d
    for d in "$ARCH_DIR" "$REST_DIR" "$WORK/mondo" "$WORK/mondo-restore"; do
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

# Result arrays, indexed by tool name.
declare -A R_BS R_BMB R_OMB R_RATIO R_RS R_RMB R_CHK R_NOTE

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

bench_tool() {
    local t=$1 log=$LOGDIR/$t.log q bcmd rcmd out
    local c=${CORPUS@Q} a=${ARCH_DIR@Q} r=${REST_DIR@Q}
    : > "$log"
    clean_tool_dirs
    mkdir -p "$ARCH_DIR" "$REST_DIR"
    case $t in
        gzip) out=$ARCH_DIR/out.tar.gz
              bcmd="tar -C $c -cf - . | gzip > ${out@Q}"
              rcmd="gzip -dc ${out@Q} | tar -C $r -xf -" ;;
        zstd) out=$ARCH_DIR/out.tar.zst
              bcmd="tar -C $c -cf - . | zstd -q -T0 -3 -o ${out@Q}"
              rcmd="zstd -q -dc ${out@Q} | tar -C $r -xf -" ;;
        tar)  out=$ARCH_DIR/out.tar
              bcmd="tar -C $c -cf ${out@Q} ."
              rcmd="tar -C $r -xf ${out@Q}" ;;
        afio) out=$ARCH_DIR/out.afio
              bcmd="cd $c && find . | afio -o -Z ${out@Q}"
              rcmd="cd $r && afio -i -Z ${out@Q}" ;;
    esac
    local run obytes bs="" rs="" rrc=0
    for (( run = 1; run <= RUNS; run++ )); do
        [ "$run" -gt 1 ] && { rm -f -- "$out"; rm -rf -- "$REST_DIR"; LAST_DELETE=$(now); mkdir -p "$REST_DIR"; }
        echo "[$t] backup  (run $run/$RUNS) ..."
        run_timed "$log" "$bcmd"
        if [ "$RC" -ne 0 ] || [ ! -s "$out" ]; then
            R_CHK[$t]="FAILED"; R_NOTE[$t]="backup failed (rc=$RC), see $log"; clean_tool_dirs; return
        fi
        bs=$(min_t "$bs" "$ELAPSED")
        sync
        settle
        echo "[$t] restore (run $run/$RUNS) ..."
        run_timed "$log" "$rcmd"
        rs=$(min_t "$rs" "$ELAPSED"); [ "$RC" -eq 0 ] || rrc=$RC
        sync
    done
    obytes=$(stat -c %s "$out")
    R_BS[$t]=$bs; R_BMB[$t]=$(mbps "$bs")
    R_OMB[$t]=$(div "$obytes" 1000000 1); R_RATIO[$t]=$(div "$CBYTES" "$obytes" 2)
    R_RS[$t]=$rs; R_RMB[$t]=$(mbps "$rs")
    [ "$rrc" -eq 0 ] || R_NOTE[$t]="restore rc=$rrc, see $log"
    echo "[$t] check (diff -r, untimed) ..."
    R_CHK[$t]=$(check_tree "$REST_DIR" "$log")
    [ "$rrc" -eq 0 ] || R_CHK[$t]="DIFFERS"
    clean_tool_dirs
}

bench_mondo() {
    local t=mondo log=$LOGDIR/mondo.log md=$WORK/mondo mr=$WORK/mondo-restore
    local to="" bcmd rcmd r
    : > "$log"
    clean_tool_dirs
    [ "$MONDO_TIMEOUT" -gt 0 ] && to="timeout -k 30 $MONDO_TIMEOUT "
    if [ ! -x "$REPO/bin/mondoarchive" ]; then
        echo "$REPO/bin/mondoarchive: missing or not executable" >> "$log"
        R_CHK[$t]=FAILED; R_NOTE[$t]="bin/mondoarchive missing"; return
    fi
    if [ ! -x "$REPO/bin/mondorestore" ]; then
        echo "$REPO/bin/mondorestore: missing or not executable" >> "$log"
    fi
    bcmd="$to${REPO@Q}/bin/mondoarchive -O -i -d ${md@Q} -p bench -s 4480m -I ${CORPUS@Q} -N -W $MONDO_EXTRA"
    rcmd="$to${REPO@Q}/bin/mondorestore -i -d ${md@Q} -p bench --restore-to ${mr@Q}"
    local run obytes bs="" rs=""
    for (( run = 1; run <= RUNS; run++ )); do
        [ "$run" -gt 1 ] && clean_tool_dirs
        mkdir -p "$md"
        echo "[mondo] backup  (run $run/$RUNS) ..."
        run_timed "$log" "$bcmd"
        unmount_under "$WORK"
        obytes=$(find "$md" -maxdepth 1 -type f -name 'bench-*.iso' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')
        if [ "$RC" -ne 0 ] || [ "${obytes:-0}" -le 0 ]; then
            R_CHK[$t]=FAILED; R_NOTE[$t]="mondoarchive rc=$RC, iso bytes=${obytes:-0}, see $log"; return
        fi
        bs=$(min_t "$bs" "$ELAPSED")
        R_BS[$t]=$bs; R_BMB[$t]=$(mbps "$bs")
        R_OMB[$t]=$(div "$obytes" 1000000 1); R_RATIO[$t]=$(div "$CBYTES" "$obytes" 2)
        sync
        if [ ! -x "$REPO/bin/mondorestore" ]; then
            R_CHK[$t]=FAILED; R_NOTE[$t]="bin/mondorestore missing"; return
        fi
        mkdir -p "$mr"
        settle
        echo "[mondo] restore (run $run/$RUNS) ..."
        run_timed "$log" "$rcmd"
        unmount_under "$WORK"
        if [ "$RC" -ne 0 ]; then
            R_CHK[$t]=FAILED; R_NOTE[$t]="mondorestore rc=$RC, see $log"; return
        fi
        rs=$(min_t "$rs" "$ELAPSED")
        R_RS[$t]=$rs; R_RMB[$t]=$(mbps "$rs")
        sync
    done
    # Mondo restores absolute paths under --restore-to; accept a flat tree too.
    r=$mr$CORPUS; [ -d "$r" ] || r=$mr
    echo "[mondo] check (diff -r $r, untimed) ..."
    R_CHK[$t]=$(check_tree "$r" "$log")
    clean_tool_dirs
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
    echo "runs      : best of $RUNS per phase; restores start >= ${SETTLE}s after the bench's last rm -rf (ext4 settle)"
    echo "units     : MB = 10^6 bytes; MB/s = corpus bytes / wall seconds; ratio = corpus bytes / output bytes"
    echo "            backup time excludes the final sync; restore check (diff -r) is untimed"
}

header
echo "tools     : ${TOOLS[*]}"
echo
RUN_T0=$(now)
for t in "${TOOLS[@]}"; do
    if [ "$t" = mondo ]; then bench_mondo; else bench_tool "$t"; fi
done
clean_tool_dirs

table() {
    local fmt="%-6s %9s %10s %10s %6s %10s %11s  %s\n" t name chk
    printf "$fmt" tool "backup s" "backup MB/s" "output MB" ratio "restore s" "restore MB/s" check
    printf "$fmt" ------ --------- ---------- ---------- ------ ---------- ----------- -------
    for t in "${TOOLS[@]}"; do
        case $t in
            gzip) name="tar|gzip -6" ;; zstd) name="tar|zstd -T0 -3" ;;
            tar) name="tar" ;; afio) name="afio -Z" ;; mondo) name="mondo" ;;
        esac
        chk=${R_CHK[$t]:-?}
        if [ "$t" = mondo ] && [ "$chk" = FAILED ]; then chk="mondo: FAILED (see log)"; fi
        printf "$fmt" "$t" "${R_BS[$t]:--}" "${R_BMB[$t]:--}" "${R_OMB[$t]:--}" "${R_RATIO[$t]:--}" \
            "${R_RS[$t]:--}" "${R_RMB[$t]:--}" "$chk"
    done
    echo
    echo "commands: gzip = tar -cf - | gzip ; gzip -dc | tar -xf -    zstd = tar -cf - | zstd -T0 -3 ; zstd -dc | tar -xf -"
    echo "          tar  = tar -cf ; tar -xf    afio = find . | afio -o -Z ; afio -i -Z"
    echo "          mondo = bin/mondoarchive -O -i -d W/mondo -p bench -s 4480m -I CORPUS -N -W ${MONDO_EXTRA:+$MONDO_EXTRA }; bin/mondorestore -i -d W/mondo -p bench --restore-to W/mondo-restore"
    for t in "${TOOLS[@]}"; do
        [ -n "${R_NOTE[$t]:-}" ] && echo "note: $t: ${R_NOTE[$t]}"
    done
    echo "logs: $LOGDIR/<tool>.log"
    echo
    echo "Project targets:"
    local b_m=${R_BMB[mondo]:-} b_z=${R_BMB[zstd]:-} r_m=${R_RMB[mondo]:-} r_t=${R_RMB[tar]:-} v
    if [ -n "$b_m" ] && [ -n "$b_z" ]; then
        v=$(div "$b_m" "$b_z" 2)
        echo "  mondo backup MB/s / tar|zstd -T0 -3 backup MB/s = $v   (target >= 0.8: $(awk -v v="$v" 'BEGIN{print (v>=0.8)?"MET":"NOT MET"}'); mondo check: ${R_CHK[mondo]:-?})"
    else
        echo "  mondo backup MB/s / tar|zstd -T0 -3 backup MB/s = n/a   (target >= 0.8; needs mondo and zstd rows)"
    fi
    if [ -n "$r_m" ] && [ -n "$r_t" ]; then
        v=$(div "$r_m" "$r_t" 2)
        echo "  mondo restore MB/s / tar -x restore MB/s        = $v   (target >= 1.0: $(awk -v v="$v" 'BEGIN{print (v>=1.0)?"MET":"NOT MET"}'); mondo check: ${R_CHK[mondo]:-?})"
    else
        echo "  mondo restore MB/s / tar -x restore MB/s        = n/a   (target >= 1.0; needs mondo and tar rows)"
    fi
}

echo
TABLE=$(table)
echo "$TABLE"
echo "total bench wall time: $(sub_t "$RUN_T0" "$(now)") s"
{ header; echo "tools     : ${TOOLS[*]}"; echo; echo "$TABLE"; } > "$OUT"
echo "results written to $OUT"
