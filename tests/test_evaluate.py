import json

import pytest

from qa.evaluate import evaluate, read_questions


def _reply(answer, passages):
    return {"answer": None if answer is None else {"text": answer},
            "passages": [{"rank": i, "text": text, "source": {"path": path}}
                         for i, (path, text) in enumerate(passages, start=1)],
            "took_ms": 5.0}


def test_metrics_count_what_they_claim(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "question": "q1", "answers": ["Hague"], "sources": ["a.txt"]},
        {"id": "2", "question": "q2", "answers": ["Iran"], "article": "b.txt"},
        {"id": "3", "question": "q3", "answers": [], "unanswerable": True},
    ]))
    replies = {
        "q1": _reply("talks with William Hague", [("a.txt", "with William Hague")]),
        "q2": _reply("nothing useful", [("a.txt", "Iran"), ("b.txt", "x"), ("b.txt", "Russia and Iran")]),
        "q3": _reply(None, []),
    }
    report = evaluate(lambda q, k, h: replies[q], read_questions(path), progress=False)
    assert report["answer_accuracy"] == 0.5
    assert (report["recall@1"], report["recall@5"]) == (0.5, 1.0)
    assert report["mrr@10"] == pytest.approx((1 + 1 / 3) / 2, abs=1e-4)
    assert (report["correct_abstentions"], report["wrong_abstentions"]) == (1, 0)
    assert [f["id"] for f in report["failures"]] == ["2"]


def test_malformed_question_file_names_the_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "fine", "answers": []}\n{"answers": []}\n')
    with pytest.raises(ValueError, match="q.jsonl:2"):
        read_questions(path)


def test_a_follow_up_question_is_asked_with_its_history(tmp_path):
    path = tmp_path / "q.jsonl"
    history = [{"question": "Who will Lavrov meet in London?", "answer": "William Hague"}]
    path.write_text(json.dumps({"question": "What did he say next?", "answers": ["x"], "history": history}) + "\n")
    asked = []
    evaluate(lambda q, k, h: asked.append(h) or _reply("x", []), read_questions(path), progress=False)
    assert asked == [history]
    path.write_text('{"question": "q", "answers": [], "history": "earlier"}\n')
    with pytest.raises(ValueError, match="q.jsonl:1"):
        read_questions(path)


def test_a_dated_question_is_asked_as_of_its_date(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "question": "q1", "answers": ["x"], "date": "2022/06/16"},
        {"id": "2", "question": "q2", "answers": ["x"], "date": "2022-6-3"},
        {"id": "3", "question": "q3", "answers": ["x"]},
    ]))
    asked = []
    evaluate(lambda q, k, h, **kw: asked.append((q, kw)) or _reply("x", []), read_questions(path), progress=False)
    assert asked == [("q1", {"as_of": "2022-06-16"}), ("q2", {"as_of": "2022-06-03"}), ("q3", {})]
    for bad in ("16 June 2022", "2022/02/30", 20220616):
        path.write_text(json.dumps({"question": "q", "answers": [], "date": bad}) + "\n")
        with pytest.raises(ValueError, match="q.jsonl:1"):
            read_questions(path)
