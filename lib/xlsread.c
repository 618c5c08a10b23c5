#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "diag.h"
#include "numfmt.h"
#include "xlsread.h"

struct sq_xls {
	const void *h;
	char	*file;
	size_t	 max_field;
	struct sq_book_sheet *sheets;
	size_t	 nsheets;
	const char *msgname;
	unsigned int rows, row;
	unsigned short cols;
	int	 selected;
};

static const char *
why(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return "out of memory";
	case FREEXL_INVALID_CFBF_HEADER: case FREEXL_CFBF_INVALID_SIGNATURE:
		return "not an .xls file (an OLE2 file of another kind, or an "
		    ".xlsx with a password: remove the password and save it "
		    "again)";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "an OLE2 file with no workbook in it (a Word document? "
		    "an .xlsx with a password: remove the password and save "
		    "it again)";
	case FREEXL_CRAFTED_FILE:
		return "a damaged or crafted file";
	case FREEXL_UNSUPPORTED_CHARSET: case FREEXL_INVALID_CHARACTER:
		return "its text is in a code page that cannot be decoded";
	default:
		return "a damaged file (FreeXL cannot read it)";
	}
}

struct sq_xls *
sq_xls_open(const char *path, const char *file, size_t max_field)
{
	struct sq_xls *x = sq_xcalloc(1, sizeof(*x));
	unsigned int n = 0, pw = 0;
	int rc;

	x->file = sq_xstrdup(file);
	x->max_field = max_field;
	if ((rc = freexl_open(path, &x->h)) != FREEXL_OK) {
		sq_error("%s: cannot read this .xls: %s; save it as .xlsx "
		    "in Excel or WPS", file, why(rc));
		goto fail;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK &&
	    pw == FREEXL_BIFF_OBFUSCATED) {
		sq_error("%s: the workbook has a password; remove it in "
		    "Excel or WPS and save it again", file);
		goto fail;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK)
		n = 0;
	x->sheets = sq_xcalloc(n + 1, sizeof(*x->sheets));
	for (unsigned int i = 0; i < n; i++) {
		const char *name = NULL;
		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) !=
		    FREEXL_OK || name == NULL)
			name = "";
		x->sheets[i].name = sq_xstrdup(name);
	}
	x->nsheets = n;
	return x;
fail:
	sq_xls_close(x);
	return NULL;
}

const struct sq_book_sheet *
sq_xls_sheets(const struct sq_xls *x, size_t *n)
{
	*n = x->nsheets;
	return x->sheets;
}

int
sq_xls_select(struct sq_xls *x, size_t i, const char *msgname)
{
	int rc;

	x->msgname = msgname;
	if ((rc = freexl_select_active_worksheet(x->h, (unsigned short)i)) !=
	    FREEXL_OK || (rc = freexl_worksheet_dimensions(x->h, &x->rows,
	    &x->cols)) != FREEXL_OK) {
		sq_error("%s: cannot read this sheet: %s", msgname, why(rc));
		return -1;
	}
	x->row = 0;
	x->selected = 1;
	return 0;
}

int
sq_xls_row(struct sq_xls *x, struct sq_rec *rec)
{
	char num[SQ_NUMFMT_MAX];
	struct sq_numfmt general = { .kind = SQ_NF_GENERAL };

	if (!x->selected || x->row >= x->rows)
		return SQ_READ_EOF;
	sq_rec_clear(rec);
	rec->line = (long)x->row + 1;
	size_t total = 0, last = 0;
	for (unsigned short c = 0; c < x->cols; c++) {
		FreeXL_CellValue v;
		const char *s = "";
		size_t n;
		int lost = 0;
		if (freexl_get_cell_value(x->h, x->row, c, &v) != FREEXL_OK)
			v.type = FREEXL_CELL_NULL;
		switch (v.type) {
		case FREEXL_CELL_INT:
			snprintf(num, sizeof(num), "%d", v.value.int_value);
			s = num;
			break;
		case FREEXL_CELL_DOUBLE:
			sq_numfmt_render(&general, v.value.double_value, 0,
			    num, &lost);
			if (lost)
				sq_warn(x->msgname, rec->line, "column %u: %s has "
				    "more digits than Excel keeps (15), so the "
				    "last ones were lost when it was typed as a "
				    "number (type ID numbers as text)", c + 1u,
				    num);
			s = num;
			break;
		case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT:
		case FREEXL_CELL_DATE: case FREEXL_CELL_DATETIME:
		case FREEXL_CELL_TIME:
			s = v.value.text_value ? v.value.text_value : "";
			break;
		}
		n = strlen(s);
		/* "2022-04-01 08:30:00" is the contract's 08:30 when whole */
		if ((v.type == FREEXL_CELL_DATETIME || v.type == FREEXL_CELL_TIME) &&
		    n >= 8 && strcmp(s + n - 3, ":00") == 0)
			n -= 3;
		total += n + 1;
		if (total > x->max_field) {
			sq_rec_seterr(rec, "row is larger than --max-field");
			break;
		}
		sq_rec_push(rec, s, n);
		if (n)
			last = rec->nf;
	}
	rec->nf = rec->err ? rec->nf : last;	/* no empty cells at the end */
	x->row++;
	return rec->err ? SQ_READ_BAD : SQ_READ_OK;
}

void
sq_xls_close(struct sq_xls *x)
{
	if (x == NULL)
		return;
	if (x->h)
		freexl_close(x->h);
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->sheets[i].name);
	free(x->sheets);
	free(x->file);
	free(x);
}
