#!/usr/bin/env python3
"""bench/instr-diff.py N1 N2 TOP DIR: for bench/instr-cost.sh, the functions
that make up the difference in instructions per response between plain
Apache (DIR/a1.tsv, a2.tsv: N1 and N2 requests) and Apache with the module
(b1.tsv, b2.tsv). Each .tsv holds "self-cost<TAB>function" lines."""
import collections
import sys


def load(path):
    costs = collections.Counter()
    with open(path) as f:
        for line in f:
            if '\t' in line:
                cost, name = line.rstrip('\n').split('\t', 1)
                # totals and per-file remainders are not functions
                if not name.startswith(('(', '<', 'PROGRAM')):
                    costs[name] += int(cost)
    return costs


def main():
    n1, n2, top, folder = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    runs = {k: load(f'{folder}/{k}.tsv') for k in ('a1', 'a2', 'b1', 'b2')}
    names = set().union(*runs.values())

    def per(first, second, name):
        return (runs[second][name] - runs[first][name]) / (n2 - n1)

    diff = {k: per('b1', 'b2', k) - per('a1', 'a2', k) for k in names}
    for name, value in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[:top]:
        print(f'    {value:+9.0f}  {name}')


if __name__ == '__main__':
    main()
