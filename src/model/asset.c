#include "model/asset.h"

static int
level(int v)
{
	return v >= 1 && v <= CIA_LEVELS ? v : 1;
}

int
asset_importance(int c, int i, int a, enum asset_personal p)
{
	int m = level(c);

	if (level(i) > m)
		m = level(i);
	if (level(a) > m)
		m = level(a);
	if (p == PERSONAL_PERSONAL && m < 2)
		m = 2;
	if (p == PERSONAL_SENSITIVE || p == PERSONAL_MYNUMBER)
		m = 3;
	return m;
}
