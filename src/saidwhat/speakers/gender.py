"""Gender evidence: the weights of a pronoun, a first name (lexicon's FEMALE_NAMES and
MALE_NAMES, a hint for resolving pronouns, never reported), a role's noun and an honorific,
and the majority of weighed votes. Takes votes; gives a gender or None."""

from __future__ import annotations

# Gender evidence is weighed, not set by the first pronoun: one stray "she" does not outweigh
# "Mr." or a man's first name, and does not block the "he"s that follow.
PRONOUN_VOTE = 1
NAME_VOTE = 2
HONORIFIC_VOTE = 3
# A role's noun ("chairman", "spokesman") is now and then used of a woman: two pronouns
# outweigh it, as they do not an honorific.
ROLE_VOTE = 2


def majority_gender(votes: dict[str, int]) -> str | None:
    """The gender with the most weight, None on a tie or with no evidence."""
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
