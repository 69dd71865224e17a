/*
** `canbo doc KIND ... --out FILE` (cli_doc.c): a document ready to sign
** (CONTRACT §9, docs/DOCUMENTS.md) written as .docx or .pdf by FILE's
** extension. Declared here, not in cli.h, so that the documents work adds
** one include and one row to main.c's table.
*/
#ifndef CANBO_CLI_DOC_H
#define CANBO_CLI_DOC_H
#include "cli/cli.h"

/* Exit 0; 2 usage (unknown kind, option, bad number, extension); 3 bad or unknown record; 1 write failure. */
int cmd_doc(CliCtx *ctx);

#endif
