/*
** The `canbo report` sub-commands other than `annual` (cli_report_more.c):
**   canbo report structure   --unit U [--date D] [--format json|csv|xlsx] [--out FILE]
**   canbo report retirements --unit U [--date D] [--months 12] [--format json|csv|xlsx] [--out FILE]
**   canbo report planning-list --unit U [--term T] [--title T] [--date D] [--format ...] [--out FILE]
**   canbo report due         --unit U [--date D] [--format ...] [--out FILE]
**   canbo report trainings   --unit U --year YYYY [--date D] [--format ...] [--out FILE]
** cli_report.c calls cli_report_other() for any sub-command but `annual`.
*/
#ifndef CANBO_CLI_REPORT_MORE_H
#define CANBO_CLI_REPORT_MORE_H
#include "cli/cli.h"

/*
** Run report `what` (the first argument). Unknown report: usage (exit 2).
** Exit codes: 0, 1 (runtime), 2 (usage: bad date, months, term or year), 3 (unknown unit or title).
*/
int cli_report_other(CliCtx *ctx, const char *what);

#endif
