/*
 * asset: the information-asset register's own rules (issue 12 §2): the
 * fixed key sets a row refers to and the importance an asset derives from
 * its confidentiality, integrity, availability and personal data.  The
 * rule is mamori's own (the seeds give three levels and no formula); the
 * content pack (content/registers/assets.yaml) says so on the page.
 */
#ifndef MAMORI_MODEL_ASSET_H
#define MAMORI_MODEL_ASSET_H

enum asset_media {
	MEDIA_PAPER,
	MEDIA_ELECTRONIC,
	MEDIA_BOTH,
	MEDIA__MAX
};

enum asset_personal {
	PERSONAL_NONE,
	PERSONAL_PERSONAL,
	PERSONAL_SENSITIVE,	/* 要配慮個人情報 */
	PERSONAL_MYNUMBER,
	PERSONAL__MAX
};

enum cia {
	CIA_C,
	CIA_I,
	CIA_A,
	CIA__MAX
};

#define CIA_LEVELS	3	/* every C, I and A is 1…3 */

/*
 * Importance 1…CIA_LEVELS: the highest of c, i and a (each 1…CIA_LEVELS;
 * a value out of range counts as 1), raised to 2 when the asset holds
 * personal data and to 3 when it holds sensitive personal data or My
 * Number data.
 */
int	asset_importance(int c, int i, int a, enum asset_personal p);

#endif
