"""Optional generated answers through any OpenAI-compatible model, behind a sentence-by-sentence
citation gate (see gate.py). Off unless MISSIVE_LLM_URL is set."""

from assistant.generation.client import ChatClient, GenerationFailed
from assistant.generation.gate import CitationGate
from assistant.generation.generator import Generated, Generator, cited_answer

__all__ = ["ChatClient", "CitationGate", "Generated", "GenerationFailed", "Generator",
           "cited_answer"]
