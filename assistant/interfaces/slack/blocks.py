"""An answer as Slack Block Kit, within Slack's limits, with a plain-text fallback.

Limits (docs.slack.dev, see shared/docs/slack-testing.md): 50 blocks a message, 3,000
characters a section, about 4,000 characters of readable text. Quotes are trimmed (marked
with an ellipsis) to fit; nothing is ever left to fail.
"""

from __future__ import annotations

import json

from assistant.citations import highlight_link
from assistant.schemas import AskResponse, Citation
from assistant.wording import format_date

SECTION_LIMIT = 3000
TEXT_BUDGET = 3800  # all sections together, under Slack's readable ~4,000
MAX_CITATIONS = 10  # with the answer, context and buttons, far below 50 blocks
CLOSEST_SHOWN = 3
THINKING = ":hourglass_flowing_sand: Looking through the letters…"


def escape(text: str) -> str:
    """mrkdwn escapes only &, < and >."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    return f"<{escape(url)}|{escape(label)}>"


def trim(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": trim(text, SECTION_LIMIT)}}


def _who(c) -> str:
    when = format_date(c.date) or "undated"
    return (f"{when} · {escape(c.sender_shown() or 'unknown sender')} → "
            f"{escape(c.recipient or 'unknown')}")


def _citation_block(c: Citation, public_url: str, quote_room: int) -> tuple[dict, str]:
    head = f"*[{c.n}]* {_who(c)}" + (f" · p. {c.page}" if c.page else "")
    if public_url:
        address = public_url.rstrip("/") + highlight_link(c.letter_id, c.start, c.end,
                                                         c.letter_version)
        head += f" · {link(address, 'open letter')}"
    quote = trim(c.quote, quote_room)
    body = head + "\n>" + escape(quote).replace("\n", "\n>")
    return _section(body), escape(f"[{c.n}] {format_date(c.date) or 'undated'}, {c.sender_shown()}: "
                                  f"\"{quote}\"")


def answer_message(response: AskResponse, public_url: str = "", feedback_ref: str = "",
                   share: bool = False) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for an answer, a no-answer, and their buttons."""
    if response.no_answer:
        return no_answer_message(response, feedback_ref)
    answer = trim(escape(response.answer), 1200)
    blocks = [_section(answer)]
    fallback = [answer]  # the fallback is mrkdwn too: a letter's "<!channel>" stays text
    citations = response.citations[:MAX_CITATIONS]
    room = max(200, (TEXT_BUDGET - len(answer)) // max(len(citations), 1) - 200)
    for c in citations:
        block, plain = _citation_block(c, public_url, room)
        blocks.append(block)
        fallback.append(plain)
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                   "Quotes are the letters' own words, checked against the stored text."}]})
    blocks.append(buttons(feedback_ref, share))
    return trim("\n".join(fallback), TEXT_BUDGET), blocks


def no_answer_message(response: AskResponse, feedback_ref: str = "") -> tuple[str, list[dict]]:
    lines = ["I looked, but the letters in the index do not answer this."]
    if response.declined_because:
        lines.append(f"Why: {escape('; '.join(response.declined_because))}.")
    if response.passages:
        lines.append("The closest letters, in case they help:")
        for p in response.passages[:CLOSEST_SHOWN]:
            lines.append(f"• {format_date(p.date) or 'undated'} · {escape(p.sender or '?')} → "
                         f"{escape(p.recipient or '?')}: _{escape(p.title or p.source_path)}_")
    text = "\n".join(lines)
    return trim(text, TEXT_BUDGET), [_section(text), buttons(feedback_ref, share=False)]


def buttons(feedback_ref: str, share: bool) -> dict:
    """Helpful / not helpful (and, for a private answer, share in channel). `value` carries
    the conversation turn the vote is about."""
    elements = [
        {"type": "button", "action_id": "feedback_up", "value": feedback_ref,
         "text": {"type": "plain_text", "text": "Helpful"}},
        {"type": "button", "action_id": "feedback_down", "value": feedback_ref,
         "text": {"type": "plain_text", "text": "Not helpful"}},
    ]
    if share:
        elements.append({"type": "button", "action_id": "share_answer", "value": feedback_ref,
                         "style": "primary", "text": {"type": "plain_text",
                                                      "text": "Share in channel"}})
    return {"type": "actions", "block_id": "missive_answer_actions", "elements": elements}


def turn_ref(conversation_id: str, turn: int) -> str:
    return json.dumps({"c": conversation_id, "t": turn}, separators=(",", ":"))


def parse_ref(value: str) -> tuple[str, int] | None:
    try:
        data = json.loads(value)
        return str(data["c"]), int(data["t"])
    except (ValueError, KeyError, TypeError):
        return None
