/*
** A JSON writer straight into a Buf, for the answers read most under load
** (issue 9: the profile API spent 42 % of its time building, dumping and
** freeing a jansson tree of ~400 values). Writes exactly what jansson's
** json_dump with JSON_COMPACT writes for the same values in the same order
** (tests/unit/test_jsonw.c compares the two): no spaces, strings escaped
** as jansson does (\" \\ \b \f \n \r \t, other control characters as
** \u00XX), other UTF-8 as it is. The strings must be valid UTF-8 (canbo
** checks every input); NULL is written as null.
**
** Not for: reading JSON, or answers built from parts that jansson already
** holds (api_json.h, resp_json): there the tree is the simpler tool.
**
** Usage: JsonW w = jw_new(&buf); jw_obj(&w); jw_kstr(&w, "code", c->code);
** jw_key(&w, "items"); jw_arr(&w); ... jw_end(&w); jw_end(&w);
*/
#ifndef CANBO_JSONW_H
#define CANBO_JSONW_H
#include <stdbool.h>
#include "core/buf.h"

enum { JW_MAX_DEPTH = 16 };

typedef struct {
  Buf *b;
  int depth;
  bool first[JW_MAX_DEPTH + 1]; /* nothing written yet in the open object/array at this depth */
  char close[JW_MAX_DEPTH + 1]; /* its closing bracket */
  bool after_key;               /* a key was written: the value follows without a comma */
  int over;                     /* levels opened past JW_MAX_DEPTH: nothing is written until they are closed */
} JsonW;

JsonW jw_new(Buf *b);
/* Open an object / an array (as the next value); jw_end closes the innermost. What is opened deeper than
   JW_MAX_DEPTH is written as null, with nothing of what it holds: the JSON stays whole. */
void jw_obj(JsonW *w);
void jw_arr(JsonW *w);
void jw_end(JsonW *w);
/* A key of the open object; its value is written next. */
void jw_key(JsonW *w, const char *key);
/* Values: a string (NULL: null), an integer, true/false, null. */
void jw_str(JsonW *w, const char *s);
void jw_int(JsonW *w, long long v);
void jw_bool(JsonW *w, bool v);
void jw_null(JsonW *w);
/* key and value at once; jw_kstr_or_null writes null for NULL and "" alike. */
void jw_kstr(JsonW *w, const char *key, const char *s);
void jw_kstr_or_null(JsonW *w, const char *key, const char *s);
void jw_kint(JsonW *w, const char *key, long long v);
void jw_kbool(JsonW *w, const char *key, bool v);

#endif
