#!/usr/bin/env bash
# Regenerates english.txt and capitalised.txt, the English word lists
# compiled into glossator (src/text/english.rs), from SCOWL as Debian
# packages it. See README.md.
#
#   data/words/generate.sh            # downloads Debian's scowl package (apt-get download)
#   data/words/generate.sh DIR        # reads SCOWL's final/ lists from DIR instead
#
# DIR may be Debian's /usr/share/dict/scowl (UTF-8) or the final/ folder of
# SCOWL's own release (ISO-8859-1); both hold the same lists.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The lists taken: the "words" sub-category (no proper names, no
# capitalised words, no abbreviations) for english.txt and the "upper" one
# (capitalised words: nationalities, creeds, places, well-known names) for
# capitalised.txt, of the common, American, British (-ise and -ize) and
# first-variant spellings, sizes 10 to 60 (SCOWL's own advice for spell
# checking: the largest size it is confident holds no misspellings).
categories="english american british british_z variant_1"
max_size=60
debian_version="2020.12.07-2"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -ge 1 ]; then
  lists=$1
else
  (cd "$tmp" && apt-get download "scowl=$debian_version" >/dev/null)
  dpkg-deb -x "$tmp"/scowl_*.deb "$tmp/root"
  lists="$tmp/root/usr/share/dict/scowl"
fi

# SCOWL's lists of one sub-category ("words" or "upper"), sizes up to
# $max_size, in UTF-8, possessives left out ("abbey's" is a word and an 's
# to the matcher).
lists_of() {
  for category in $categories; do
    for file in "$lists/$category-$1".*; do
      [ -e "$file" ] || continue
      size=${file##*.}
      [ "$size" -le "$max_size" ] || continue
      # SCOWL's release is ISO-8859-1, Debian's UTF-8.
      if iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1; then
        cat "$file"
      else
        iconv -f ISO-8859-1 -t UTF-8 "$file"
      fi
    done
  done | grep -v "'"
}

# Ordinary words, lower-cased, in byte order (build.rs checks it).
lists_of words | LC_ALL=C.UTF-8 sed 's/.*/\L&/' | LC_ALL=C sort -u >"$here/english.txt"
# Capitalised words as written, in byte order (a binary search needs it).
lists_of upper | LC_ALL=C sort -u >"$here/capitalised.txt"
echo "$(wc -l <"$here/english.txt") words in $here/english.txt"
echo "$(wc -l <"$here/capitalised.txt") words in $here/capitalised.txt"
