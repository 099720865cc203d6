#!/usr/bin/env bash
# Writes the hostile inputs of the robustness issue at full size into
# fuzz/corpus/pipeline-full/ (megabytes: generated, not committed), for
#   cargo +nightly fuzz run pipeline fuzz/corpus/pipeline-full -- -max_len=16000000
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/pipeline-full
python3 - <<'P'
d = 'corpus/pipeline-full/'
news = 'The summit between Anna Keller and Tom Varga was called off on Friday, officials said, and 300 people were not hurt in the crash.'
open(d + 'the.txt', 'w').write(' date 2025-01-01\n\n' + ' '.join(['the'] * 60000) + '.\n')
open(d + 'news4mb.txt', 'w').write(' date 2025-01-01\n\n' + ' '.join([news] * 30000) + '\n')
open(d + 'nospace5mb.txt', 'w').write(' date 2025-01-01\n\n' + 'said,Keller,' * 400000 + '\n')
open(d + 'friday.txt', 'w').write(' date 2025-01-01\n\n' + 'Friday ' * 60000 + '.\n')
open(d + 'said_friday.txt', 'w').write(' date 2025-01-01\n\n' + ' '.join(['said Friday'] * 30000) + '.\n')
P
