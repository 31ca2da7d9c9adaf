#!/usr/bin/env bash
# Regenerates english.txt, the English word list compiled into glossator
# (src/text/english.rs), from SCOWL as Debian packages it. See README.md.
#
#   data/words/generate.sh            # downloads Debian's scowl package (apt-get download)
#   data/words/generate.sh DIR        # reads SCOWL's final/ lists from DIR instead
#
# DIR may be Debian's /usr/share/dict/scowl (UTF-8) or the final/ folder of
# SCOWL's own release (ISO-8859-1); both hold the same lists.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The lists taken: the "words" sub-category (no proper names, no
# capitalised words, no abbreviations) of the common, American, British
# (-ise and -ize) and first-variant spellings, sizes 10 to 60 (SCOWL's own
# advice for spell checking: the largest size it is confident holds no
# misspellings).
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

for category in $categories; do
  for file in "$lists/$category-words".*; do
    size=${file##*.}
    [ "$size" -le "$max_size" ] || continue
    # SCOWL's release is ISO-8859-1, Debian's UTF-8.
    if iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1; then
      cat "$file"
    else
      iconv -f ISO-8859-1 -t UTF-8 "$file"
    fi
  done
done |
  # Words only: possessives ("abbey's") are a word and an 's to the matcher.
  grep -v "'" |
  LC_ALL=C.UTF-8 sed 's/.*/\L&/' |
  # Byte order, as the fst set that build.rs makes of it needs.
  LC_ALL=C sort -u >"$here/english.txt"
echo "$(wc -l <"$here/english.txt") words in $here/english.txt"
