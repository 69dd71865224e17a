/*
** The annual report in sentences (see report_annual.h): what a board writes
** in its yearly summary, from the numbers and the deciding bodies of
** report_annual. People ("đồng chí") and acts ("lượt") are both given when
** they differ; each act is credited to the body that decided it; a
** category the unit does not have (no committee or key titles in its
** subtree) gets no sentence at all.
**
** Not for: counting (report_annual.c) or markup (web/pages_report.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/vi.h"
#include "domain/report_annual.h"

static const char *const PROGRAM_PHRASE[REPORT_N_PROGRAMS] = {
    "đi học cao cấp lý luận chính trị",
    "học trung cấp lý luận chính trị",
    "học sơ cấp lý luận chính trị",
    "bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên cao cấp",
    "bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính",
    "bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên",
    "bồi dưỡng kỹ năng lãnh đạo, quản lý",
    "đăng ký đào tạo ở nước ngoài theo Đề án 165",
    "đào tạo chuyên môn (văn bằng)",
    "tham gia các lớp bồi dưỡng khác",
};

/* The acts of the given sections whose cadre the reader cannot see (counted in the totals, absent from the lists
   and so from the bodies): total minus what the bodies hold. */
static long hidden_acts(const AnnualReport *r, ReportSection s1, ReportSection s2, long total) {
  long known = 0;
  for (int k = 0; k < r->n_bodies; k++) known += r->bodies[k].acts[s1] + (s2 != s1 ? r->bodies[k].acts[s2] : 0);
  return total > known ? total - known : 0;
}

#define OUTSIDE_PHRASE "của cán bộ nay công tác ngoài phạm vi của bạn"

/* "4 đồng chí" or "10 đồng chí (21 lượt)" into b. */
static void people(Buf *b, long n, long acts) {
  char x[32], y[32];
  buf_printf(b, "%s đồng chí", vi_count(x, sizeof x, n));
  if (acts != n) buf_printf(b, " (%s lượt)", vi_count(y, sizeof y, acts));
}

/* "đã đưa ra khỏi quy hoạch 2 đồng chí (4 lượt) và bổ sung 1 đồng chí": the non-zero parts; false when both are 0. */
static bool planning_verbs(Buf *b, long out_people, long out_acts, long in_people, long in_acts) {
  if (!out_acts && !in_acts) return false;
  buf_puts(b, "đã ");
  if (out_acts) buf_puts(b, "đưa ra khỏi quy hoạch "), people(b, out_people, out_acts);
  if (out_acts && in_acts) buf_puts(b, " và ");
  if (in_acts) buf_puts(b, "bổ sung "), people(b, in_people, in_acts);
  return true;
}

/* One planning category: the whole, then each body that acted, or nothing when the unit has no such titles. */
static const char *planning_sentence(Arena *a, const AnnualReport *r, const char *lead, ReportSection added,
                                     ReportSection removed, const char *what, long in_p, long in_a, long out_p,
                                     long out_a) {
  Buf b = BUF_INIT;
  int acting = 0, one = -1;
  for (int k = 0; k < r->n_bodies; k++)
    if (r->bodies[k].acts[added] || r->bodies[k].acts[removed]) acting++, one = one < 0 ? k : one;
  long hidden = hidden_acts(r, added, removed, in_a + out_a);
  if (!in_a && !out_a) {
    buf_printf(&b, "%s quy hoạch %s: trong năm không có quyết định bổ sung hay đưa ra khỏi quy hoạch.", lead, what);
  } else if (acting == 1 && !hidden) {
    buf_printf(&b, "%s quy hoạch %s, %s ", lead, what, r->bodies[one].name);
    planning_verbs(&b, out_p, out_a, in_p, in_a);
    buf_puts(&b, ".");
  } else {
    buf_printf(&b, "%s quy hoạch %s: ", lead, what);
    planning_verbs(&b, out_p, out_a, in_p, in_a);
    buf_puts(&b, "; trong đó");
    int written = 0;
    for (int k = 0; k < r->n_bodies; k++) {
      const ReportBody *x = &r->bodies[k];
      if (!x->acts[added] && !x->acts[removed]) continue;
      buf_printf(&b, "%s %s ", written++ ? ";" : "", x->name);
      planning_verbs(&b, x->people[removed], x->acts[removed], x->people[added], x->acts[added]);
    }
    char h[32];
    if (hidden) buf_printf(&b, "%s %s lượt " OUTSIDE_PHRASE, written ? ";" : "", vi_count(h, sizeof h, hidden));
    buf_puts(&b, ".");
  }
  const char *s = arena_strdup(a, b.p);
  buf_free(&b);
  return s;
}


/*
** ", do Ban Thường vụ Thành ủy quyết định" when one body decided every act of section s; else " (Ban Thường vụ Thành
** ủy 7 lượt, UBND thành phố 6 lượt)", most acts first, with the acts of cadres the reader cannot see said so
** instead of credited to a body (total: the section's acts).
*/
static void by_body(Buf *b, const AnnualReport *r, ReportSection s, long total) {
  int acting = 0;
  for (int k = 0; k < r->n_bodies; k++) acting += r->bodies[k].acts[s] > 0;
  long hidden = hidden_acts(r, s, s, total);
  char x[32];
  if (acting == 0) {
    if (hidden) buf_printf(b, " (%s lượt " OUTSIDE_PHRASE ")", vi_count(x, sizeof x, hidden));
    return;
  }
  if (acting == 1 && !hidden) {
    for (int k = 0; k < r->n_bodies; k++)
      if (r->bodies[k].acts[s]) buf_printf(b, ", do %s quyết định", r->bodies[k].name);
    return;
  }
  buf_puts(b, " (");
  bool *done = calloc((size_t)r->n_bodies + 1, 1);
  int written = 0;
  for (; written < acting; written++) { /* most acts of this section first */
    int best = -1;
    for (int k = 0; k < r->n_bodies; k++)
      if (done && !done[k] && r->bodies[k].acts[s] && (best < 0 || r->bodies[k].acts[s] > r->bodies[best].acts[s]))
        best = k;
    if (best < 0) break;
    done[best] = true;
    buf_printf(b, "%s%s %s lượt", written ? ", " : "", r->bodies[best].name,
               vi_count(x, sizeof x, r->bodies[best].acts[s]));
  }
  free(done);
  if (hidden) buf_printf(b, "%s%s lượt " OUTSIDE_PHRASE, written ? ", " : "", vi_count(x, sizeof x, hidden));
  buf_puts(b, ")");
}

int report_annual_sentences(Arena *a, const AnnualReport *r, const char ***out) {
  const char **v = arena_alloc(a, sizeof(char *) * 6);
  int n = 0;
  const char *first = arena_printf(a, "Năm %d, về", r->year);
  if (r->has_committee)
    v[n++] = planning_sentence(a, r, first, RS_COMMITTEE_ADDED, RS_COMMITTEE_REMOVED, "Ban Chấp hành",
                               r->committee_added, r->committee_added_acts, r->committee_removed,
                               r->committee_removed_acts);
  if (r->has_key)
    v[n] = planning_sentence(a, r, n ? "Về" : first, RS_KEY_ADDED, RS_KEY_REMOVED, "các chức danh chủ chốt",
                             r->key_added, r->key_added_acts, r->key_removed, r->key_removed_acts),
    n++;
  Buf b = BUF_INIT;
  long total = 0;
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) total += r->training[i];
  int any = 0;
  char x[32], y[32];
  for (int i = 0; i < REPORT_N_PROGRAMS; i++) {
    if (!r->training[i]) continue;
    buf_printf(&b, "%s%s đồng chí %s", any ? ", " : "Cử ", vi_count(x, sizeof x, r->training[i]), PROGRAM_PHRASE[i]);
    any = 1;
  }
  if (any && total != r->training_people)
    buf_printf(&b, " (%s lượt, %s đồng chí)", vi_count(x, sizeof x, total), vi_count(y, sizeof y, r->training_people));
  buf_puts(&b, any ? "." : "Không cử cán bộ đi đào tạo, bồi dưỡng trong năm.");
  v[n++] = arena_strdup(a, b.p);
  buf_reset(&b);
  if (r->rotations) {
    buf_puts(&b, "Luân chuyển, điều động ");
    people(&b, r->rotation_people, r->rotations);
    by_body(&b, r, RS_ROTATION, r->rotations);
  } else {
    buf_puts(&b, "Không có luân chuyển, điều động");
  }
  if (r->appointments) {
    buf_puts(&b, "; bổ nhiệm, bổ nhiệm lại, đề bạt ");
    people(&b, r->appointment_people, r->appointments);
    by_body(&b, r, RS_APPOINTMENT, r->appointments);
  } else {
    buf_puts(&b, "; không có quyết định bổ nhiệm, bổ nhiệm lại, đề bạt");
  }
  buf_puts(&b, ".");
  v[n++] = arena_strdup(a, b.p);
  buf_free(&b);
  *out = v;
  return n;
}
