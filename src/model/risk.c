#include "model/risk.h"

int
risk_likelihood(int threat, int vulnerability)
{
	if (threat < 1 || threat > RISK_LEVELS || vulnerability < 1 ||
	    vulnerability > RISK_LEVELS)
		return 0;
	if (threat == 3 && vulnerability == 3)
		return 3;
	if (threat + vulnerability == 5)	/* (3, 2) and (2, 3) */
		return 2;
	return 1;
}

enum risk_band
risk_band_of(int value)
{
	return value >= 6 ? RISK_HIGH : value >= 3 ? RISK_MID : RISK_LOW;
}
