"""Gender evidence: common first names (for keeping "she" off a man while resolving
pronouns, never reported), the weights of a pronoun, a first name and an honorific, and the
majority of weighed votes. Takes votes and first names; gives a gender or None."""

from __future__ import annotations

# Common first names, only to keep "she" off Chris Christie while resolving pronouns: a
# speaker's reported gender comes from the article's own pronouns and honorifics alone.
_FEMALE_NAMES = set(
    """
    abigail alexandra alice alison amanda amy andrea angela angelina ann anna anne annie
    barbara betsy betty beverly brenda carly carmel carol caroline catherine cheryl chelsea
    christine claire connie cynthia dana deborah debbie denise diana diane donna doris
    dorothy elaine elisabeth eleanor elizabeth ellen emily emma erin evelyn gillian gloria
    hannah heather heidi helen hillary ivanka jacqueline jane janet janice jean jennifer
    jessica jill jo joan joanne jodi judith judy julia julie karen kate katherine kathleen
    kathy kelly kellyanne kim kimberly laura lauren linda lisa loretta lucy lynn margaret
    maria marie marine martha mary megan melania melanie michelle mildred nancy natalie
    nicola nicole nikki olivia pamela patricia paula penny priti rachel rebecca rosa ruth
    sally samantha sandra sarah sharon sheila shirley sophie stacey stephanie susan suzanne
    teresa theresa tulsi virginia wendy yvette zoe
    """.split()
)
_MALE_NAMES = set(
    """
    aaron adam alan albert alex alexander andrew angus anthony barack ben benjamin bernie
    bill bob boris brian bruce carl charles charlie chris christopher chuck craig dan
    daniel david dennis donald doug douglas ed edward elijah eric frank fred gary george
    gerald gordon greg gregory harry henry howard hugh ian jack jacob james jason jeb
    jeff jeffrey jeremy jerry jim jimmy joe john johnny jon jonathan joseph josh joshua
    keir keith ken kenneth kevin larry lee lindsey marco mark martin matt matthew maury
    michael mike mitch mitt nathan neil nick nicholas nigel patrick paul peter philip
    ralph randy raymond reince richard rick rishi rob robby robert roger ron ronald rudy
    rusty ryan sam samuel scott sean stephen steve steven ted terry thomas tim timothy tom
    tony trey vladimir walter wayne william
    """.split()
)
# Gender evidence is weighed, not set by the first pronoun: one stray "she" does not outweigh
# "Mr." or a man's first name, and does not block the "he"s that follow.
_PRONOUN_VOTE = 1
_NAME_VOTE = 2
_HONORIFIC_VOTE = 3


def _majority(votes: dict[str, int]) -> str | None:
    """The gender with the most weight, None on a tie or with no evidence."""
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
