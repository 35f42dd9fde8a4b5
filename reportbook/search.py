"""Search: the book's Chinese-aware search index (``html_search_language: zh``), in linear time.

Sphinx's own Chinese splitter (``sphinx.search.zh.SearchChinese``, Sphinx 7.4) remembers
every Latin word of every page in one list on the class and, for each word it stems, asks
whether the word is in that list. The list grows with the book, so indexing is quadratic:
with a sources appendix of 300 pages, Sphinx spent 10–25 s writing each page, nearly all
of it in that membership test (found with a profiler on ``bench/bench_load.py``). This
splitter is the same one — jieba for Chinese, the same Latin words, the same stemming
rule, so the same index — with the words kept in a set of the instance and each stem
computed once.
"""

from __future__ import annotations

from sphinx.search import zh


class SearchChinese(zh.SearchChinese):
    lang = "zh"

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        self.latin_terms = set()  # an instance's set, not the class's ever-growing list
        self._stems: dict[str, str] = {}

    def split(self, input: str) -> list[str]:
        chinese = list(zh.jieba.cut_for_search(input)) if zh.JIEBA else []
        latin1 = [term.strip() for term in self.latin1_letters.findall(input)]
        self.latin_terms.update(latin1)
        return chinese + latin1

    def stem(self, word: str) -> str:
        # Sphinx's rule: a Latin word of 3+ letters that stemming would cut below 3 is kept
        # (lower-cased) as it is; every other word is stemmed.
        if (hit := self._stems.get(word)) is None:
            lower = word.lower()
            stemmed = self.stemmer.stemWord(lower)
            keep = word in self.latin_terms and len(word) >= 3 and len(stemmed) < 3
            hit = lower if keep else stemmed
            # the rule depends on the set, which only grows: cache an answer once it is final
            if word in self.latin_terms or not self.latin1_letters.fullmatch(word):
                self._stems[word] = hit
        return hit
