/*
** canbo: the command table and the global options. Each command is a row:
** name, function, usage and one line of help; `canbo --help` and
** `canbo COMMAND --help` are generated from it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cli_doc.h" /* documents ready to sign (issue 10) */
#include "domain/counters.h"

#define CANBO_VERSION "0.1.0"

typedef struct {
  const char *name;
  CliFn fn;
  const char *usage;
  const char *help;
} Command;

static const Command commands[] = {
    {"init", cmd_init, "canbo init", "tạo hoặc nâng cấp cơ sở dữ liệu (create or migrate the database)"},
    {"demo", cmd_demo, "canbo demo [--cadres N] [--seed S]", "tạo dữ liệu mẫu thành phố Móng Cái (demo database)"},
    {"user", cmd_user, "canbo user add NAME --role admin|officer|viewer [--unit UNIT_CODE] --password-stdin",
     "quản lý người dùng (users)"},
    /* import/export (issue 8): workbooks, encodings, dry run, templates */
    {"import", cmd_import, "canbo import KIND FILE [--dry-run] [--update] [--sheet NAME] [--encoding utf8|cp1258|tcvn3|vni]",
     "nhập dữ liệu từ tệp CSV, .xlsx, .xls (import a file)"},
    {"export", cmd_export,
     "canbo export KIND [--format csv|xlsx|json] [--out FILE] [--sort name] | canbo export template KIND --out FILE.xlsx",
     "xuất dữ liệu (export)"},
    {"serve", cmd_serve,
     "canbo serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--max-conns-per-address N]",
     "chạy máy chủ web (HTTP server; HTTPS with a certificate)"},
    {"rules", cmd_rules, "canbo rules retirement --sex M|F --birth YYYY-MM[-DD]",
     "tính tuổi nghỉ hưu theo RET-1 (retirement age)"},
    {"check", cmd_check,
     "canbo check CADRE_CODE --for planning|appointment|rotation --title TITLE_CODE --unit UNIT_CODE --date YYYY-MM-DD "
     "[--format json|text] [--term YYYY-YYYY] [--kind appointment|promotion|reappointment|extension|nomination] "
     "[--source internal|external]",
     "kiểm tra điều kiện theo quy định (eligibility findings)"},
    {"report", cmd_report, "canbo report annual --unit UNIT_CODE --year YYYY [--format json|csv|xlsx] [--out FILE] | "
     "report structure|retirements --unit UNIT_CODE [--date YYYY-MM-DD] [--months N] [--format json|csv|xlsx] [--out FILE] | "
     "report planning-list|due|trainings --unit UNIT_CODE [--term YYYY-YYYY] [--title TITLE_CODE] [--year YYYY] "
     "[--date YYYY-MM-DD] [--format json|csv|xlsx] [--out FILE]",
     "báo cáo công tác cán bộ hằng năm (annual report)"},
    {"audit", cmd_audit, "canbo audit verify [--write-head]",
     "kiểm tra chuỗi nhật ký và tệp đầu chuỗi (verify the audit chain and its head file)"},
    /* counters (issue 9, docs/ARCHITECTURE.md "Counts at scale") */
    {"reindex", cmd_reindex, "canbo reindex [--check]",
     "dựng lại bộ đếm thống kê và so với đếm lại toàn bộ (rebuild the structure counters, compare with a recount)"},
    /* backups (issue 12, docs/DEPLOY.md) */
    {"backup", cmd_backup, "canbo backup FILE",
     "sao lưu cơ sở dữ liệu khi đang chạy, có kiểm tra (online backup, checked)"},
    {"restore", cmd_restore, "canbo restore FILE [--without-head]",
     "khôi phục từ bản sao lưu, giữ lại bản cũ (restore a checked backup, keeping the old database)"},
    /* PostgreSQL as the second store (issue 13, docs/DEPLOY.md) */
    {"copy", cmd_copy, "canbo copy --from FILE.db|postgresql://... --to postgresql://...|FILE.db",
     "chuyển toàn bộ cơ sở dữ liệu giữa SQLite và PostgreSQL, có kiểm tra (copy a whole database, checked)"},
    {"unit", cmd_unit,
     "canbo unit list [--date YYYY-MM-DD] | unit acts | unit merge --into CODE [--name NAME --level LEVEL --parent CODE "
     "--locality TEXT] --date YYYY-MM-DD [--decision NO] [--note TEXT] SRC1 [SRC2 ...] | unit split SRC --date "
     "YYYY-MM-DD --assign FILE.csv [--units FILE.csv] [--decision NO] [--note TEXT]",
     "cây đơn vị theo ngày, sáp nhập, chia tách (unit tree at a date, merge, split)"},
    /* documents ready to sign (issue 10) */
    {"doc", cmd_doc,
     "canbo doc mau-2c --cadre CODE | to-trinh|quyet-dinh --proposal ID | bien-ban --proposal ID --step N | "
     "quyet-dinh --rotation ID | quyet-dinh --list planning --unit CODE [--term T] | "
     "danh-sach --list planning|due|trainings|retirements --unit CODE [--term T] [--title T] [--year Y] [--months N] | "
     "bao-cao --unit CODE --year Y  --out FILE.docx|FILE.pdf [--number NO] [--date D] [--signer NAME] [--place P] "
     "[--signer-post P] [--authority A] [--body B] [--body-parent B] [--symbol S] [--recipients \"A; B\"] "
     "[--layout party|state] [--issuer CODE]",
     "văn bản sẵn sàng ký: Mẫu 2C, tờ trình, biên bản, quyết định, danh sách, báo cáo (docx, pdf)"},
};
#define N_COMMANDS (int)(sizeof commands / sizeof commands[0])

static const Command *current;

int cli_usage(CliCtx *ctx) {
  (void)ctx;
  fprintf(stderr, "usage: %s\n", current ? current->usage : "canbo [--db PATH] COMMAND [ARGS]");
  return EXIT_USAGE;
}

static void print_help(FILE *f) {
  fprintf(f, "canbo %s — hệ thống quản lý công tác cán bộ\n\n"
             "usage: canbo [--db PATH] COMMAND [ARGS]\n"
             "       canbo --help | canbo COMMAND --help | canbo --version\n\n"
             "database: --db PATH, else $CANBO_DB, else ./canbo.db\n\ncommands:\n",
          CANBO_VERSION);
  for (int i = 0; i < N_COMMANDS; i++) fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
  fprintf(f, "\nexit codes: 0 success, 1 runtime failure, 2 usage error, 3 invalid input data\n");
}

int main(int argc, char **argv) {
  CliCtx ctx = {0};
  db_before_commit(counters_flush); /* every write keeps the structure counters (domain/counters.h) */
  int i = 1;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--db") == 0) {
      if (i + 1 >= argc) return cli_usage(&ctx);
      ctx.db_path = argv[++i];
    } else if (strncmp(argv[i], "--db=", 5) == 0) {
      ctx.db_path = argv[i] + 5;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      print_help(stdout);
      return EXIT_OK;
    } else if (strcmp(argv[i], "--version") == 0) {
      printf("canbo %s\n", CANBO_VERSION);
      return EXIT_OK;
    } else {
      break;
    }
  }
  if (i >= argc) {
    print_help(stderr);
    return EXIT_USAGE;
  }
  if (!ctx.db_path) ctx.db_path = getenv("CANBO_DB");
  if (!ctx.db_path || !*ctx.db_path) ctx.db_path = "canbo.db";
  for (int c = 0; c < N_COMMANDS; c++) {
    if (strcmp(argv[i], commands[c].name) != 0) continue;
    current = &commands[c];
    ctx.argc = argc - i - 1;
    ctx.argv = argv + i + 1;
    for (int k = 0; k < ctx.argc; k++) {
      if (strcmp(ctx.argv[k], "--help") == 0) {
        printf("usage: %s\n%s\n", commands[c].usage, commands[c].help);
        return EXIT_OK;
      }
    }
    return commands[c].fn(&ctx);
  }
  fprintf(stderr, "canbo: unknown command '%s' (see canbo --help)\n", argv[i]);
  return EXIT_USAGE;
}
