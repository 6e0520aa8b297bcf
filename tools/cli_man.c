/*
 * cli_man.c — the skillcert(1) manual page, written from the command tables.
 *
 * `skillcert --help-man` prints the page in man(7) markup. It reads the same
 * tables and texts that `skillcert help` prints, so a command or an option
 * added to a table is in the manual with no further edit; the build writes
 * doc/skillcert.1 with it and tests/cli/test-man.sh checks that every
 * command and option of `skillcert help` is there.
 */
#include <string.h>

#include "cli.h"

/* Write @s as man(7) text: backslashes escaped, hyphens of options as \-,
 * and a line that would start with a control character protected by \&.
 * @at_line_start says whether @s begins a line of the page. */
static void man_text(FILE *fp, const char *s, int at_line_start)
{
    for (; *s != '\0'; s++) {
        if (at_line_start && (*s == '.' || *s == '\''))
            fputs("\\&", fp);
        at_line_start = 0;
        switch (*s) {
        case '\\':
            fputs("\\e", fp);
            break;
        case '-':
            fputs("\\-", fp);
            break;
        case '\n':
            fputc('\n', fp);
            at_line_start = 1;
            break;
        default:
            fputc(*s, fp);
        }
    }
}

/* Text made of lines for a terminal (as `help` prints it): one paragraph,
 * its line breaks kept. Leading blanks of a line are dropped. */
static void man_paragraph(FILE *fp, const char *text)
{
    const char *line = text;

    fputs(".PP\n", fp);
    while (*line != '\0') {
        const char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        char buf[512];

        while (len > 0 && (*line == ' ')) {
            line++;
            len--;
        }
        if (len > 0) {
            if (len >= sizeof buf)
                len = sizeof buf - 1;
            memcpy(buf, line, len);
            buf[len] = '\0';
            man_text(fp, buf, 1);
            fputs("\n.br\n", fp);
        }
        if (end == NULL)
            break;
        line = end + 1;
    }
}

/* A two-column list as `help` prints it ("  TERM   text", continuation lines
 * indented further), after its heading line: one .TP entry per term. */
static void man_list(FILE *fp, const char *text)
{
    const char *line = strchr(text, '\n');
    int in_text = 0;    /* inside a paragraph of plain lines */

    if (line == NULL)
        return;
    for (line++; *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        char buf[512];
        size_t lead = 0;

        if (len >= sizeof buf)
            len = sizeof buf - 1;
        memcpy(buf, line, len);
        buf[len] = '\0';
        while (buf[lead] == ' ')
            lead++;
        if (lead == 2) {
            /* "  TERM   text": the term ends at the first run of two blanks. */
            char *gap = strstr(buf + lead, "  ");
            char *desc = NULL;

            if (gap != NULL) {
                *gap = '\0';
                desc = gap + 1;
                while (*desc == ' ')
                    desc++;
            }
            fputs(".TP\n.B ", fp);
            man_text(fp, buf + lead, 0);
            fputc('\n', fp);
            if (desc != NULL && *desc != '\0') {
                man_text(fp, desc, 1);
                fputc('\n', fp);
            }
            in_text = 0;
        } else if (buf[lead] != '\0') {
            if (lead == 0 && !in_text)
                fputs(".PP\n", fp);
            in_text = lead == 0;
            man_text(fp, buf + lead, 1);
            fputc('\n', fp);
        }
        if (end == NULL)
            break;
        line = end + 1;
    }
}

static void man_options(FILE *fp, const cli_option *options)
{
    size_t k;

    if (options == NULL || options[0].name == NULL)
        return;
    fputs(".PP\nOptions:\n", fp);
    for (k = 0; options[k].name != NULL; k++) {
        fputs(".TP\n\\fB\\-\\-", fp);
        man_text(fp, options[k].name, 0);
        fputs("\\fR", fp);
        if (options[k].metavar != NULL) {
            fputs(" \\fI", fp);
            man_text(fp, options[k].metavar, 0);
            fputs("\\fR", fp);
        }
        fputc('\n', fp);
        man_text(fp, options[k].help, 1);
        fputc('\n', fp);
    }
}

/* One command (a group recurses into its table); @prefix is the path of
 * the group it belongs to, "" at the top. */
static void man_command(FILE *fp, const cli_command *cmd, const char *prefix)
{
    char full[96];

    snprintf(full, sizeof full, "%s%s%s", prefix, prefix[0] != '\0' ? " " : "", cmd->name);
    fputs(".SS \"", fp);
    man_text(fp, full, 0);
    if (cmd->subcommands == NULL && cmd->synopsis != NULL && cmd->synopsis[0] != '\0') {
        fputc(' ', fp);
        man_text(fp, cmd->synopsis, 0);
    }
    fputs("\"\n", fp);
    if (cmd->summary != NULL) {
        fputs(".PP\n", fp);
        man_text(fp, cmd->summary, 1);
        fputs(".\n", fp);
    }
    if (cmd->description != NULL)
        man_paragraph(fp, cmd->description);
    man_options(fp, cmd->options);
    if (cmd->needs & CLI_NEEDS_ACTOR)
        fputs(".PP\nThis command changes the registry;\n.B \\-\\-actor\nsays who "
              "(default city\\-bureau).\n", fp);
    if (cmd->subcommands != NULL) {
        size_t i;

        for (i = 0; cmd->subcommands[i].name != NULL; i++)
            man_command(fp, &cmd->subcommands[i], full);
    }
}

int cli_print_man(FILE *fp, const cli_command *top, const char *global_help,
                  const char *exit_help)
{
    size_t i;

    fputs(".\\\" Generated by `skillcert --help-man` from the tool's command tables:\n"
          ".\\\" edit tools/*.c, not this file.\n", fp);
    fprintf(fp, ".TH SKILLCERT 1 \"\" \"libskillcert %s\" \"libskillcert manual\"\n",
            SC_VERSION_STRING);
    fputs(".SH NAME\nskillcert \\- registry of Beijing new\\-occupation skill level "
          "certification\n", fp);
    fputs(".SH SYNOPSIS\n.B skillcert\n[\\fB\\-\\-db\\fR \\fIFILE\\fR] [\\fB\\-\\-json\\fR] "
          "[\\fB\\-\\-actor\\fR \\fIKIND\\fR[:\\fISCOPE\\fR]]\n.I COMMAND\n"
          "[\\fISUBCOMMAND\\fR] [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]\n", fp);
    fputs(".SH DESCRIPTION\n"
          ".B skillcert\n"
          "keeps the registry of new\\-occupation skill level certification set out in the\n"
          "notice 京人社能发〔2022〕8号 (Beijing): the catalog of new occupations and their\n"
          "levels, evaluation organizations and their filing, candidates and eligibility,\n"
          "intake, assessment, certificates and their public verification, supervision\n"
          "and credit, with an audit trail of every change and XML exchange between\n"
          "districts, the city and organizations. The registry is an SQLite file; the\n"
          "work is done by\n.BR libskillcert (3).\n"
          ".PP\nEvery change is made by an actor\n(\\fB\\-\\-actor\\fR), "
          "whose role and jurisdiction the library checks.\n"
          "With\n.B \\-\\-json\nresults are printed as JSON (UTF\\-8).\n", fp);
    fputs(".SH COMMANDS\n", fp);
    for (i = 0; top[i].name != NULL; i++)
        man_command(fp, &top[i], "");
    fputs(".SH GLOBAL OPTIONS\n", fp);
    man_list(fp, global_help);
    fputs(".SH ENVIRONMENT\n.TP\n.B SKILLCERT_DB\nthe registry when \\fB\\-\\-db\\fR "
          "is not given.\n", fp);
    fputs(".SH EXIT STATUS\n", fp);
    man_list(fp, exit_help);
    fputs(".SH SEE ALSO\n.BR libskillcert (3),\n.BR sqlite3 (1)\n", fp);
    return ferror(fp) ? CLI_EXIT_INTERNAL : CLI_EXIT_OK;
}
