#!/usr/bin/env bash
# Compares glossator with the raw automaton scan and peer tools on one
# generated corpus and lexicon, and checks that memory stays flat.
#
#   bash benches/compare/run.sh                  # 100 MB corpus, 10k-entry lexicon
#   SIZE_MB=20 bash benches/compare/run.sh       # smaller, quicker
#   MEMCHECK_MB=1024 bash benches/compare/run.sh # also glossator on 1 GB (needs 1 GB of disk)
#
# It runs on two corpora of the same size: sparse (a mention every
# twenty-odd words) and dense (every five to eight words, as in revision
# notes); DENSITIES="dense" runs one. For each it also times glossator's
# commands (annotate, glossary, timeline, build) at --jobs 1 and 2.
#
# Other settings: ENTRIES (lexicon size, default 10000), PEERS (default
# "flashtext spacy pyahocorasick"; empty to skip Python), BUILD_SIZES
# (lexicon sizes for the load+build rows, default "1000 10000 100000"),
# REPEAT (runs per measurement, default 3), BIN (the glossator binary,
# default target/release/glossator: another build to compare), WORK (data folder, default
# target/compare). The peers go into a virtualenv at target/compare-venv,
# made on first use.
#
# Every tool runs as one process on the same files, timed end to end (wall
# clock: reading files, building its matcher, scanning; glossator also
# segments sentences and writes JSON Lines to /dev/null) by /usr/bin/time,
# which also gives peak RSS. Each figure is the fastest of REPEAT runs (a
# shared machine is noisy; a run over a minute is not repeated); the
# comparison runs the tools in rounds, one run of each per round.
# MB = 10^6 bytes. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB=${SIZE_MB:-100}
ENTRIES=${ENTRIES:-10000}
PEERS=${PEERS-flashtext spacy pyahocorasick}
BUILD_SIZES=${BUILD_SIZES:-1000 10000 100000}
MEMCHECK_MB=${MEMCHECK_MB:-}
WORK=${WORK:-target/compare}
REPEAT=${REPEAT:-3}
DENSITIES=${DENSITIES:-sparse dense}
BIN=${BIN:-target/release/glossator}
VENV=target/compare-venv

log() { echo "$*" >&2; }

ensure_tools() {
    if [ ! -x /usr/bin/time ]; then
        log "installing GNU time (Debian package 'time')"
        apt-get install -y time >/dev/null
    fi
    cargo build --release --quiet --bin glossator --example gen_corpus --example raw_scan
    if [ -n "$PEERS" ] && [ ! -x "$VENV/bin/python" ]; then
        log "making $VENV with flashtext, spacy, pyahocorasick"
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet flashtext spacy pyahocorasick
    fi
}

# generate DIR SIZE_MB ENTRIES [DENSITY]: writes the data once (reused
# when present).
generate() {
    if [ ! -e "$1/done" ]; then
        log "generating $1"
        rm -rf "$1"
        target/release/examples/gen_corpus "$1" "$2" "$3" "${4:-sparse}"
        touch "$1/done"
    fi
}

corpus_bytes() { find "$1" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}'; }

# measure CMD...: runs CMD with stdout to /dev/null, REPEAT times (once if
# it takes over a minute); sets SECS and RSS_MB from the fastest run.
measure() {
    local out secs kb run
    out=$(mktemp)
    SECS=
    for ((run = 0; run < REPEAT; run++)); do
        /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>>"$WORK/stderr.log"
        read -r secs kb <"$out"
        if [ -z "$SECS" ] || awk -v a="$secs" -v b="$SECS" 'BEGIN {exit !(a < b)}'; then
            SECS=$secs
            RSS_MB=$((kb / 1024))
        fi
        awk -v s="$secs" 'BEGIN {exit !(s > 60)}' && break
    done
    rm -f "$out"
}

# The glossator command line for the data in folder $1 (in array GLOSSATOR).
glossator_for() {
    GLOSSATOR=("$BIN" annotate --no-default-lexicon --lexicon "$1/lexicon.toml")
}

# add_tool NAME CMD...: a row of the comparison table (tool I = its index).
add_tool() {
    local i=${#NAMES[@]}
    NAMES+=("$1")
    shift
    declare -ga "CMD_$i"
    local -n cmd="CMD_$i"
    cmd=("$@")
}

# sample I: runs tool I once; keeps its fastest time (and that run's peak
# RSS) in BEST_SECS[I] and BEST_RSS[I].
sample() {
    local -n cmd="CMD_$1"
    local out secs kb
    out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "${cmd[@]}" >/dev/null 2>>"$WORK/stderr.log"
    read -r secs kb <"$out"
    rm -f "$out"
    if [ -z "${BEST_SECS[$1]:-}" ] || awk -v a="$secs" -v b="${BEST_SECS[$1]}" 'BEGIN {exit !(a < b)}'; then
        BEST_SECS[$1]=$secs
        BEST_RSS[$1]=$((kb / 1024))
    fi
}

compare() {
    local data=$1 i round
    BYTES=$(corpus_bytes "$data/corpus")
    NAMES=()
    BEST_SECS=()
    BEST_RSS=()
    glossator_for "$data"
    add_tool "glossator annotate --jobs 1" "${GLOSSATOR[@]}" --jobs 1 "$data/corpus"
    add_tool "glossator annotate --jobs 2" "${GLOSSATOR[@]}" --jobs 2 "$data/corpus"
    add_tool "raw aho-corasick scan (examples/raw_scan)" \
        target/release/examples/raw_scan "$data/terms.txt" "$data/corpus"
    for peer in $PEERS; do
        add_tool "$peer" "$VENV/bin/python" benches/compare/peers.py "$peer" "$data/terms.txt" "$data/corpus"
    done
    # Rounds over all tools, so that each tool's best run comes from the
    # same stretches of time as the others'.
    for ((round = 0; round < REPEAT; round++)); do
        for i in "${!NAMES[@]}"; do
            if [ "$round" = 0 ] || awk -v s="${BEST_SECS[$i]}" 'BEGIN {exit !(s <= 60)}'; then
                sample "$i"
            fi
        done
    done
    echo "Corpus: $((BYTES / 1000000)) MB in $(find "$data/corpus" -name '*.txt' | wc -l) files;" \
        "lexicon: $ENTRIES entries ($(wc -l <"$data/terms.txt") surface forms)."
    echo
    echo "| tool | seconds | MB/s | speed ÷ glossator --jobs 1 | peak RSS MB |"
    echo "|---|---:|---:|---:|---:|"
    for i in "${!NAMES[@]}"; do
        awk -v n="${NAMES[$i]}" -v s="${BEST_SECS[$i]}" -v base="${BEST_SECS[0]}" \
            -v b="$BYTES" -v r="${BEST_RSS[$i]}" \
            'BEGIN {printf "| %s | %.2f | %.1f | %.2f | %d |\n", n, s, b / 1e6 / s, base / s, r}'
    done
}

# commands DIR: glossator's commands on the data in DIR at --jobs 1 and 2,
# each against annotate at the same --jobs.
commands() {
    local data=$1 jobs command
    local -A secs rss
    glossator_for "$data"
    local lexicon=("${GLOSSATOR[@]:2}")
    for jobs in 1 2; do
        for command in annotate glossary timeline build; do
            rm -rf "$WORK/build-out"
            local args=("$command" "${lexicon[@]}" --jobs "$jobs")
            [ "$command" = build ] && args+=(--out "$WORK/build-out")
            measure "$BIN" "${args[@]}" "$data/corpus"
            secs[$command.$jobs]=$SECS
            rss[$command.$jobs]=$RSS_MB
        done
    done
    rm -rf "$WORK/build-out"
    echo
    echo "| command | --jobs 1: s | ÷ annotate | --jobs 2: s | ÷ annotate | speed-up 1→2 | peak RSS MB (--jobs 2) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for command in annotate glossary timeline build; do
        awk -v c="$command" -v a1="${secs[annotate.1]}" -v a2="${secs[annotate.2]}" \
            -v s1="${secs[$command.1]}" -v s2="${secs[$command.2]}" -v r="${rss[$command.2]}" \
            'BEGIN {printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", c, s1, s1 / a1, s2, s2 / a2, s1 / s2, r}'
    done
}

# Lexicon load alone (lexicon check), then load + automaton build +
# annotating one line.
build_rows() {
    echo
    echo "| lexicon | load: seconds | load: peak RSS MB | load + build: seconds | load + build: peak RSS MB |"
    echo "|---|---:|---:|---:|---:|"
    echo "Stalin and the NEP." >"$WORK/one-line.txt"
    for n in $BUILD_SIZES; do
        generate "$WORK/lexicon-$n" 0 "$n"
        measure "$BIN" lexicon check --no-default-lexicon \
            --lexicon "$WORK/lexicon-$n/lexicon.toml"
        local load="$SECS | $RSS_MB"
        glossator_for "$WORK/lexicon-$n"
        measure "${GLOSSATOR[@]}" "$WORK/one-line.txt"
        echo "| $n entries | $load | $SECS | $RSS_MB |"
    done
}

# glossator's peak RSS on SIZE_MB vs MEMCHECK_MB of input.
memcheck() {
    BIG=$(mktemp -d "${TMPDIR:-/tmp}/glossator-memcheck.XXXXXX")
    trap 'rm -rf "$BIG"' EXIT
    target/release/examples/gen_corpus "$BIG" "$MEMCHECK_MB" "$ENTRIES" 2>/dev/null
    echo
    echo "| input | --jobs 1 peak RSS MB | --jobs 2 peak RSS MB |"
    echo "|---|---:|---:|"
    for dir in "$1" "$BIG"; do
        local bytes
        bytes=$(corpus_bytes "$dir/corpus")
        glossator_for "$dir"
        measure "${GLOSSATOR[@]}" --jobs 1 "$dir/corpus"
        local one=$RSS_MB
        measure "${GLOSSATOR[@]}" --jobs 2 "$dir/corpus"
        echo "| $((bytes / 1000000)) MB | $one | $RSS_MB |"
    done
}

mkdir -p "$WORK"
: >"$WORK/stderr.log"
ensure_tools
echo "$(date -u +%F), $(nproc) cores, $(uname -m)"
for density in $DENSITIES; do
    data="$WORK/data-${SIZE_MB}mb-${ENTRIES}-$density"
    generate "$data" "$SIZE_MB" "$ENTRIES" "$density"
    echo
    echo "### $density corpus"
    echo
    compare "$data"
    commands "$data"
done
build_rows
if [ -n "$MEMCHECK_MB" ]; then
    memcheck "$data"
fi
