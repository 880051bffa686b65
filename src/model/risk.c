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

int
risk_vulnerability(const struct diag_result *res, const int *items, size_t n)
{
	int worst = 0;
	size_t k;

	if (res->n == 0)
		return 0;
	for (k = 0; k < n; k++) {
		long mean;
		int v;

		if (items[k] < 1 || items[k] > DIAG_ITEMS)
			continue;
		mean = res->item[items[k] - 1].mean_tenths;
		v = mean >= 40 ? 1 : mean >= 20 ? 2 : 3;
		if (v > worst)
			worst = v;
	}
	return worst;
}
