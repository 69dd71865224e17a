/*
** Ready-to-fill import workbooks (issue 8): for a kind, an .xlsx whose first
** sheet has the Vietnamese headers of every column (required ones marked *),
** one sample row, and drop-down lists (data validation) of the Vietnamese
** labels for every enumerated column, gender and yes/no. Everything in it
** is accepted back by the importer.
** Written with libxlsxwriter. Used by `canbo export template KIND` and the
** download on the import page.
*/
#ifndef CANBO_TEMPLATE_H
#define CANBO_TEMPLATE_H

/* Write the template of `kind` to `path`. 0, CB_EINVAL (unknown kind) or CB_EIO. */
int import_template_xlsx(const char *kind, const char *path);

#endif
