#!/usr/bin/python3
"""Trains the small SentencePiece Unigram test model and writes the expected-ids fixture.

Run once (already done; the outputs are committed) with Debian's sentencepiece:
    apt-get install -y python3-sentencepiece
    /usr/bin/python3 tests/GenQ.Generation.Tests/Fixtures/Tokenizer/make_fixture.py

Outputs beside this script:
    spiece.model          Unigram model with T5's special ids (pad=0, </s>=1, <unk>=2, no <s>)
    expected-ids.jsonl    one {"text", "ids", "decoded"} per line, ids from the reference library
Training text comes from the shared BEIR evaluation data (found by walking up to shared/eval-data)
plus a few multilingual lines, so that some scripts are known and others map to <unk>.
"""
import io
import json
import os
import random
import sys

import sentencepiece as spm

HERE = os.path.dirname(os.path.abspath(__file__))


def find_eval_data():
    d = HERE
    while d != os.path.dirname(d):
        cand = os.path.join(d, "shared", "eval-data")
        if os.path.isdir(cand):
            return cand
        d = os.path.dirname(d)
    sys.exit("shared/eval-data not found above " + HERE)


def read_corpus(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            yield (doc.get("title") or "").strip(), (doc.get("text") or "").strip()


MULTILINGUAL = [
    "Die Bibliothek sammelt Bücher über Informationswissenschaft und Klassifikation.",
    "La recherche d'information étudie les systèmes de classement des documents.",
    "El análisis de la información científica requiere índices y catálogos.",
    "Поиск информации в больших коллекциях документов требует индексации.",
    "Η ανάκτηση πληροφοριών είναι βασικό πεδίο της επιστήμης των υπολογιστών.",
    "Caffè, naïve façade, coöperation, résumé, Ångström, Øresund, Łódź.",
]

# Sentences written to exercise normalization and unknown handling: NFKC (full-width forms,
# ligatures, superscripts), tabs and repeated spaces, scripts absent from training (runs of <unk>).
CRAFTED = [
    "", " ", "a", "The", "  leading and trailing spaces  ", "tab\tseparated\tcolumns",
    "multiple     spaces    between   words", "line one\nline two", "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ ａｎｄ １２３",
    "the ﬁnal ﬂow of ﬁles", "x² + y² = z²", "H₂O and CO₂ levels", "№ 5 and ™ and ℃",
    "Café au lait, crème brûlée and jalapeño.", "Cafe\u0301 with a combining accent",
    "信息检索是计算机科学的一个领域。", "情報検索システムの評価", "정보 검색 시스템", "مرحبا بالعالم",
    "שלום עולם", "नमस्ते दुनिया", "สวัสดีชาวโลก", "emoji 😀😃😄 run", "mixed 中文 and English words",
    "Поиск информации", "Ηλεκτρονικός υπολογιστής", "numbers 3.14159 2,718 1e-10 -42 +7",
    "URLs like https://example.org/path?q=1&r=2 and emails a.b@c.de",
    "C# and F# and C++ code: int x = y * 2; // comment", "quotes “curly” and ‘single’ and «guillemets»",
    "dashes – and — and ‑ and hyphen-ated", "ellipsis… and … again", "ALL CAPS SENTENCE ABOUT NATO",
    "(parentheses) [brackets] {braces} <angles>", "$100, €50, £20, ¥1000", "50% of 1/2 is ¼",
    "ǅ ǆ ǈ digraphs", "ｶﾀｶﾅ half-width katakana", "zero\u200bwidth space", "non\u00a0breaking space",
    "a\u3000ideographic space", "repeated!!! punctuation??? ...", "UPPER lower MiXeD CaSe",
    "😀", "😀😀", "中", "漢字漢字漢字", "end with unknown 中", "中 start with unknown",
    "\tleading tab", "trailing tab\t", "many\t\t\ttabs",
]


def main():
    random.seed(7)
    eval_data = find_eval_data()
    train_lines = []
    for name in ("cisi", "medline", "cranfield"):
        for title, text in read_corpus(os.path.join(eval_data, name, "corpus.jsonl")):
            for part in (title, text):
                if part:
                    train_lines.append(part)
    train_lines.extend(MULTILINGUAL * 20)

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(train_lines), model_writer=model, model_type="unigram",
        vocab_size=1000, character_coverage=0.9995, pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
        pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>", seed_sentencepiece_size=100000,
        input_sentence_size=0, shuffle_input_sentence=False, num_threads=1)
    with open(os.path.join(HERE, "spiece.model"), "wb") as f:
        f.write(model.getvalue())

    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    sentences = list(CRAFTED) + MULTILINGUAL
    held_out = []
    for name in ("cacm", "time"):
        for title, text in read_corpus(os.path.join(eval_data, name, "corpus.jsonl")):
            held_out.extend(p for p in (title, text[:400]) if p)
    sentences.extend(random.sample(held_out, 200))

    with open(os.path.join(HERE, "expected-ids.jsonl"), "w", encoding="utf-8") as f:
        for s in sentences:
            ids = sp.encode(s, out_type=int)
            f.write(json.dumps({"text": s, "ids": ids, "decoded": sp.decode(ids)}, ensure_ascii=False) + "\n")
    print(f"vocab {sp.get_piece_size()}, {len(sentences)} sentences")


if __name__ == "__main__":
    main()
