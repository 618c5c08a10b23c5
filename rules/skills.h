/*
 * skills.h — what people write about themselves ("退休护士，会开车"), as
 * skills; which skills belong in which team; which skills may stand in for
 * another.  The rules are data: share/skills.txt, then a user's file.
 *
 *	skill NAME: keyword, keyword, ...
 *	team NAME|OTHER NAME...: skill, skill, ...
 *	related SKILL: skill, skill, ...
 *
 * A text has skill NAME when it holds one of its keywords: the longest
 * keyword at each place wins ("心理医生" is psychology, not medical);
 * Chinese keywords match anywhere, ASCII ones as whole words in any case.
 * The skill's own name is one of its keywords.  A later file may add
 * keywords, move a keyword to another skill (the last line naming it
 * wins), replace a team name's skills or a related line.  Separators
 * "," "，" "、"; "#" starts a comment line.  See sq-match(1), RULES FILE
 * FORMAT.
 *
 * The struct is public so that a program can list skills and teams; zero
 * it before the first sq_skills_load().
 */
#ifndef SQ_SKILLS_H
#define SQ_SKILLS_H

#include <stddef.h>
#include <stdint.h>

#define SQ_SKILLS_MAX	64	/* skills are bits of a uint64_t */

struct sq_skill_keyword {
	char	*word;		/* folded, lower case */
	size_t	 len;
	int	 skill;
	int	 ascii;		/* match as a whole word */
};

struct sq_skill_team {
	char	**names;	/* folded; "" when a later line took it */
	size_t	 nnames;
	uint64_t skills;
};

struct sq_skills {
	char	*skill[SQ_SKILLS_MAX];
	size_t	 nskill;
	struct sq_skill_keyword *kw;
	size_t	 nkw;
	struct sq_skill_team *team;
	size_t	 nteam;
	uint64_t related[SQ_SKILLS_MAX];	/* who may fill a post of skill s */
};

/* Add the rules of a file.  0, or -1 with FILE:LINE: why printed. */
int	 sq_skills_load(struct sq_skills *, const char *path);
void	 sq_skills_free(struct sq_skills *);
/* The id of a skill by its name (folded), or -1. */
int	 sq_skills_id(const struct sq_skills *, const char *name);
/*
 * The skills a text names, as bits; the text must be folded and lower case
 * (sq_fold_lower).  first[s] gets the first keyword found for skill s, if
 * first is not NULL.
 */
uint64_t sq_skills_scan(const struct sq_skills *, const char *folded,
	    const char **first);
/* The team a (folded) team text names: exactly, else the longest inside. */
int	 sq_skills_team(const struct sq_skills *, const char *folded);

#endif
