/*
 * cli_serve.c — `skillcert serve`: public verification over HTTP
 * (libmicrohttpd). Read-only: the registry is opened with SC_DB_READONLY,
 * one handle per server thread, and there is no write endpoint.
 *
 *   GET /                          the page for people (中文 / English): a form,
 *                                  and with ?number=…&name=… the result (a QR
 *                                  code's URL opens it directly)
 *   GET /api/verify?number=…&name=…[&id=…]   the masked answer as JSON
 *   GET /api/directory[?date=YYYY-MM-DD]      the published directory as JSON
 *
 * Limits: the request (line and headers) fits in SERVE_CONN_MEMORY bytes or
 * libmicrohttpd answers 414/431; headers over SERVE_MAX_HEADERS bytes get 431;
 * a request target over SERVE_MAX_URI bytes gets 414 and more than
 * SERVE_MAX_ARGS query parameters 400, answered as soon as the request line
 * is in; each parameter valid UTF-8, else 400; no request body (413); GET and
 * HEAD only (405); a request whose line and headers are not whole within
 * --request-timeout seconds of its start gets 408 and is closed (the
 * watchdog); a kept-alive connection idle for --timeout seconds is closed;
 * each client address gets --rate-limit requests per second (a token bucket
 * of that many, 429 past it).
 * One log line per request on stderr (buffered: out within 0.1 s), without
 * the query (no personal data) or the client's address. SIGTERM or SIGINT stop it cleanly: no new
 * connections, the requests in progress finish, the handles close.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/tcp.h> /* struct tcp_info with tcpi_bytes_received (Linux 4.1) */
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cli.h"

#define SERVE_CONN_MEMORY (128 * 1024)
#define SERVE_MAX_ARGS 8
#define SERVE_MAX_HEADERS (8 * 1024)
#define SERVE_MAX_VALUE 256
#define SERVE_MAX_THREADS 64
#define RATE_SLOTS 4096
#define SERVE_MAX_URI 4096          /* request target, path and query: longer gets 414 */
#define WATCH_TICK_MS 100           /* the watchdog's period */
#define CUT_GRACE_S 1.0             /* after a 408, how long the client may read it */

/* Per connection, for the watchdog (conn_lock guards every field and the
   list): where the connection's current request stands. */
enum {
    CONN_WAITING,   /* no request in the access handler: a request may be arriving */
    CONN_BUSY,      /* the access handler has the request; libmicrohttpd answers it */
    CONN_CUT        /* this file answered it (408/400/414) and shut the writing side */
};

typedef struct conn_rec {
    struct conn_rec *prev, *next;
    MHD_socket fd;
    int phase;
    int closed;             /* CONN_CUT: both sides shut */
    int fresh;              /* no request done on it yet (deadline from accept) */
    int uri_seen;           /* the request line of the current request arrived */
    int cut_status;         /* the status this file answered with, for the log */
    const char *cut_outcome;
    double since;           /* WAITING: accepted or last request done; CUT: when cut */
    double request_start;   /* when the current request began (0: none seen yet) */
    uint64_t rx_mark;       /* bytes received when the watchdog first saw it waiting */
    int rx_known;           /* rx_mark was read (since the last request was done) */
} conn_rec;

typedef struct {
    double tokens;
    double last;
    unsigned char addr[16];
    int used;
} rate_slot;

typedef struct {
    const char *db_path;
    double rate;                    /* requests per second per client; 0: no limit */
    pthread_mutex_t lock;           /* guards rate[] and dbs[] */
    rate_slot rate_table[RATE_SLOTS];
    sc_db *dbs[SERVE_MAX_THREADS * 2];
    int ndbs;
    int log;
    double request_timeout;         /* whole request (line and headers) deadline, s */
    double idle_timeout;            /* keep-alive idle between requests, s */
    pthread_mutex_t conn_lock;      /* guards conns and every conn_rec */
    pthread_cond_t conn_wake;       /* wakes the watchdog to stop */
    conn_rec *conns;
    int stopping;
} server;

/* Per request: what the log line says. */
typedef struct {
    double start;
    char path[48];
    int status;
    const char *outcome;
} request;

static pthread_key_t db_key;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- Registry handles: one per server thread --------------------------------- */

static sc_db *thread_db(server *srv)
{
    sc_db *db = pthread_getspecific(db_key);
    sc_db_options opts;
    if (db != NULL)
        return db;
    if (sc_db_options_init(&opts, SC_DB_OPTIONS_VERSION) != SC_OK)
        return NULL;
    opts.flags = SC_DB_READONLY;
    opts.busy_timeout_ms = 2000;
    pthread_mutex_lock(&srv->lock);
    if (srv->ndbs < (int)(sizeof srv->dbs / sizeof srv->dbs[0])
        && sc_db_open(&db, srv->db_path, &opts) == SC_OK) {
        srv->dbs[srv->ndbs++] = db;
        pthread_setspecific(db_key, db);
    } else {
        db = NULL;
    }
    pthread_mutex_unlock(&srv->lock);
    return db;
}

/* ---- Rate limit ------------------------------------------------------------------ */

static int rate_ok(server *srv, const struct sockaddr *sa)
{
    unsigned char key[16] = { 0 };
    uint32_t h = 2166136261u;
    rate_slot *s;
    double t;
    int ok, i;
    if (srv->rate <= 0 || sa == NULL)
        return 1;
    if (sa->sa_family == AF_INET)
        memcpy(key, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    else if (sa->sa_family == AF_INET6)
        memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
    for (i = 0; i < 16; i++)
        h = (h ^ key[i]) * 16777619u;
    t = now_s();
    pthread_mutex_lock(&srv->lock);
    s = &srv->rate_table[h % RATE_SLOTS];
    if (!s->used || memcmp(s->addr, key, 16) != 0) {
        /* A new client (or one that shared the slot): a full bucket. */
        memcpy(s->addr, key, 16);
        s->used = 1;
        s->tokens = srv->rate;
        s->last = t;
    }
    s->tokens += (t - s->last) * srv->rate;
    if (s->tokens > srv->rate)
        s->tokens = srv->rate;
    s->last = t;
    ok = s->tokens >= 1.0;
    if (ok)
        s->tokens -= 1.0;
    pthread_mutex_unlock(&srv->lock);
    return ok;
}

/* ---- Text helpers ------------------------------------------------------------------ */

static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n;
        if (*p < 0x80) {
            if (*p < 0x20 || *p == 0x7f)
                return 0; /* control characters have no place in a query */
            p++;
            continue;
        }
        if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
            n = 1;
        else if ((*p & 0xf0) == 0xe0)
            n = 2;
        else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
            n = 3;
        else
            return 0;
        if (n == 2 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
            return 0; /* overlong; surrogates */
        if (n == 3 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
            return 0;
        for (p++; n > 0; n--, p++)
            if ((*p & 0xc0) != 0x80)
                return 0;
    }
    return 1;
}

typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        char *d;
        while (cap < b->len + n + 1)
            cap *= 2;
        if ((d = realloc(b->data, cap)) == NULL) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_html(sbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sb_puts(b, "&amp;"); break;
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&#39;"); break;
        default: sb_put(b, s, 1); break;
        }
    }
}

/* ---- Responses ----------------------------------------------------------------------- */

static void security_headers(struct MHD_Response *r, int page)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(r, "Content-Security-Policy",
                            page ? "default-src 'none'; style-src 'unsafe-inline'; "
                                   "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
                                 : "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

static enum MHD_Result send_buf(struct MHD_Connection *c, request *rq, unsigned int status,
                                const char *type, char *data, size_t len, int page)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, data, data != NULL ? MHD_RESPMEM_MUST_FREE
                                                                : MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret;
    if (r == NULL) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    security_headers(r, page);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD");
    if (status == MHD_HTTP_TOO_MANY_REQUESTS)
        MHD_add_response_header(r, "Retry-After", "1");
    ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    rq->status = (int)status;
    return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, request *rq, unsigned int status,
                                 json_t *root)
{
    char *text = root != NULL ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (text == NULL)
        return MHD_NO; /* out of memory: close the connection */
    return send_buf(c, rq, status, "application/json; charset=utf-8", text, strlen(text), 0);
}

static enum MHD_Result send_error(struct MHD_Connection *c, request *rq, unsigned int status,
                                  const char *code, const char *message)
{
    json_t *o = json_object();
    if (o != NULL && (cli_json_set(o, "error", json_string(code))
                      || cli_json_set(o, "message", json_string(message)))) {
        json_decref(o);
        o = NULL;
    }
    rq->outcome = code;
    return send_json(c, rq, status, o);
}

/* ---- Connections and the watchdog -------------------------------------------------------
 *
 * libmicrohttpd 0.9.75 closes a connection whose request never completes
 * without a word, and only once it has been idle for its timeout (a client
 * dribbling a byte at a time keeps it open). So each connection is tracked
 * from MHD_OPTION_NOTIFY_CONNECTION (STARTED/CLOSED: the record lives in the
 * connection's socket context, and libmicrohttpd closes the socket only after
 * CLOSED, so the descriptor is never a reused one), and a watchdog thread
 * answers `408 Request Timeout` with `Connection: close` to a connection whose
 * request has not reached the access handler within --request-timeout of its
 * start (accepted; on a kept-alive connection its request line, or its first
 * bytes as TCP_INFO shows them, see conn_request_begun()), then
 * shuts the writing side, and both sides a second later so libmicrohttpd
 * closes it. It writes only while the request is CONN_WAITING, under
 * conn_lock, and the access handler takes the request (CONN_BUSY) under the
 * same lock: libmicrohttpd writes nothing to a connection still reading a
 * request, so the two never write to one socket. A kept-alive connection
 * without a new request is closed quietly after --timeout.
 */

static conn_rec *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci != NULL ? ci->socket_context : NULL;
}

static void conn_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                        enum MHD_ConnectionNotificationCode code)
{
    server *srv = cls;
    conn_rec *r;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = NULL;
        if (ci == NULL || (r = calloc(1, sizeof *r)) == NULL)
            return; /* untracked: libmicrohttpd's own timeout still bounds it */
        r->fd = ci->connect_fd;
        r->phase = CONN_WAITING;
        r->fresh = 1;
        r->since = r->request_start = now_s();
        pthread_mutex_lock(&srv->conn_lock);
        r->next = srv->conns;
        if (srv->conns != NULL)
            srv->conns->prev = r;
        srv->conns = r;
        pthread_mutex_unlock(&srv->conn_lock);
        *socket_context = r;
        return;
    }
    if ((r = *socket_context) == NULL)
        return;
    pthread_mutex_lock(&srv->conn_lock);
    if (r->prev != NULL)
        r->prev->next = r->next;
    else
        srv->conns = r->next;
    if (r->next != NULL)
        r->next->prev = r->prev;
    pthread_mutex_unlock(&srv->conn_lock);
    free(r);
    *socket_context = NULL;
}

/* Answer a request that never reached the access handler, and shut the
   writing side. conn_lock held; r is CONN_WAITING. */
static void conn_cut(conn_rec *r, int status, const char *reason, const char *code,
                     const char *message)
{
    char body[192], msg[1024];
    int bl = snprintf(body, sizeof body, "{\"error\":\"%s\",\"message\":\"%s\"}", code, message);
    int n = snprintf(msg, sizeof msg,
                     "HTTP/1.1 %d %s\r\nConnection: close\r\n"
                     "Content-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\n"
                     "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
                     "Referrer-Policy: no-referrer\r\nCache-Control: no-store\r\n"
                     "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
                     "\r\n%s",
                     status, reason, bl, body);
    if (n > 0 && (size_t)n < sizeof msg) {
        /* The socket is non-blocking and holds nothing else to send: a short
           answer goes out whole, or the client is not reading anyway. */
        ssize_t w = send(r->fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
        (void)w;
    }
    shutdown(r->fd, SHUT_WR);
    r->phase = CONN_CUT;
    r->since = now_s();
    r->cut_status = status;
    r->cut_outcome = code;
}

/* One log line on stderr, whole (one fwrite under the stream's lock). stderr
   is fully buffered while serving and the watchdog flushes it every tick, so
   a line is out within 0.1 s and requests do not pay a write() each. The
   time stamp is formatted once a second per thread, the milliseconds as
   integers (no floating-point formatting on every request). */
static void log_line(server *srv, const char *path, int status, const char *outcome, double ms,
                     const char *closed)
{
    static __thread time_t ts_second = -1;
    static __thread char ts[32];
    char line[200];
    time_t t = time(NULL);
    long hundredths = ms > 0 ? (long)(ms * 100.0 + 0.5) : 0;
    int n;
    if (!srv->log)
        return;
    if (t != ts_second) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
        ts_second = t;
    }
    n = snprintf(line, sizeof line, "%s serve path=%s status=%d outcome=%s ms=%ld.%02ld%s\n", ts,
                 path[0] ? path : "-", status > 0 ? status : 0, outcome != NULL ? outcome : "-",
                 hundredths / 100, hundredths % 100, closed != NULL ? closed : "");
    if (n > 0)
        fwrite(line, 1, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1, stderr);
}

/* Has a new request begun on this kept-alive connection (bytes that are
 * still in libmicrohttpd's buffer, the request line not yet whole)? If so
 * *start is when (no earlier than its first byte). TCP_INFO tells the bytes
 * received so far and the time since the last data; reading it costs a
 * system call, so it is read here, by the watchdog, and not on every
 * request. The first look after a request is done compares the time of the
 * last data with the time the request was done (at jiffy resolution, so data
 * within 10 ms after it count as the old request's) and marks the byte
 * count; later looks compare bytes with the mark. */
static int conn_request_begun(conn_rec *r, double t, double *start)
{
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    memset(&ti, 0, sizeof ti);
    if (getsockopt(r->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0
        || len < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof ti.tcpi_bytes_received)
        return 0;
    if (!r->rx_known) {
        double last = t - ti.tcpi_last_data_recv / 1000.0;
        r->rx_known = 1;
        r->rx_mark = ti.tcpi_bytes_received;
        if (last > r->since + 0.010) {
            *start = last;
            return 1;
        }
        return 0;
    }
    if (ti.tcpi_bytes_received > r->rx_mark) {
        *start = t;
        return 1;
    }
    return 0;
}

static void *watchdog(void *arg)
{
    server *srv = arg;
    pthread_mutex_lock(&srv->conn_lock);
    while (!srv->stopping) {
        struct timespec ts;
        double t = now_s();
        conn_rec *r;
        for (r = srv->conns; r != NULL; r = r->next) {
            if (r->phase == CONN_WAITING) {
                double start;
                if (r->request_start == 0 && !r->fresh && conn_request_begun(r, t, &start))
                    r->request_start = start;
                if (r->request_start != 0 && t - r->request_start >= srv->request_timeout) {
                    conn_cut(r, MHD_HTTP_REQUEST_TIMEOUT, "Request Timeout", "request-timeout",
                             "the request did not arrive in time");
                    if (!r->uri_seen) /* else the request's own log line says it */
                        log_line(srv, "", MHD_HTTP_REQUEST_TIMEOUT, "request-timeout",
                                 (t - r->request_start) * 1000.0, " closed=timeout");
                } else if (r->request_start == 0 && t - r->since >= srv->idle_timeout) {
                    shutdown(r->fd, SHUT_RDWR); /* idle keep-alive: close quietly */
                    r->phase = CONN_CUT;
                    r->closed = 1;
                }
            } else if (r->phase == CONN_CUT && !r->closed && t - r->since >= CUT_GRACE_S) {
                shutdown(r->fd, SHUT_RDWR); /* the client had its second to read */
                r->closed = 1;
            }
        }
        if (srv->log) {
            pthread_mutex_unlock(&srv->conn_lock);
            fflush(stderr); /* the log lines of this tick */
            pthread_mutex_lock(&srv->conn_lock);
        }
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += WATCH_TICK_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&srv->conn_wake, &srv->conn_lock, &ts);
    }
    pthread_mutex_unlock(&srv->conn_lock);
    return NULL;
}

/* ---- Query checks ----------------------------------------------------------------------- */

typedef struct {
    int count;
    int bad;            /* invalid UTF-8, control characters or too long */
} arg_scan;

static enum MHD_Result scan_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    arg_scan *s = cls;
    (void)kind;
    s->count++;
    if (!utf8_ok(key) || (value != NULL && (!utf8_ok(value) || strlen(value) > SERVE_MAX_VALUE)))
        s->bad = 1;
    return s->count > SERVE_MAX_ARGS ? MHD_NO : MHD_YES;
}

static enum MHD_Result sum_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    size_t *total = cls;
    (void)kind;
    *total += strlen(key) + (value != NULL ? strlen(value) : 0) + 4;
    return MHD_YES;
}

/* ---- Verification ------------------------------------------------------------------------- */

static unsigned int verify_http_status(int status)
{
    switch (status) {
    case SC_VERIFY_VALID: return MHD_HTTP_OK;
    case SC_VERIFY_REVOKED: return MHD_HTTP_GONE;
    default: return MHD_HTTP_NOT_FOUND; /* not found, not published, name mismatch */
    }
}

/* JSON string (quoted, escaped) or null when s is NULL. The library's strings
   are valid UTF-8; only quotes, backslashes and control characters need escaping. */
static void sb_json_str(sbuf *b, const char *s)
{
    if (s == NULL) {
        sb_puts(b, "null");
        return;
    }
    sb_put(b, "\"", 1);
    while (*s) {
        /* Copy the run of characters that need no escape at once. */
        size_t run = 0;
        unsigned char ch;
        while ((ch = (unsigned char)s[run]) != '\0' && ch != '"' && ch != '\\' && ch >= 0x20)
            run++;
        sb_put(b, s, run);
        s += run;
        if ((ch = (unsigned char)*s) == '\0')
            break;
        if (ch == '"' || ch == '\\') {
            char e[2] = { '\\', (char)ch };
            sb_put(b, e, 2);
        } else {
            static const char hex[] = "0123456789abcdef";
            char e[6] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15] };
            sb_put(b, e, 6);
        }
        s++;
    }
    sb_put(b, "\"", 1);
}

static void sb_field(sbuf *b, const char *key, const char *value, int first)
{
    if (!first)
        sb_put(b, ",", 1);
    sb_json_str(b, key);
    sb_put(b, ":", 1);
    sb_json_str(b, value);
}

/* The verification answer as JSON, built directly (the busiest path: no
   intermediate tree). Same fields as `skillcert cert verify --json`, plus
   level_text. */
static char *verification_text(const sc_verification *v, size_t *len)
{
    sbuf b = { NULL, 0, 0, 0 };
    char level[64], num[16];
    int shown = v->status == SC_VERIFY_VALID || v->status == SC_VERIFY_REVOKED ||
                v->status == SC_VERIFY_NOT_PUBLISHED;
    const char *rank = sc_level_rank_zh(v->level), *lname = sc_level_name_zh(v->level);
    snprintf(level, sizeof level, "%s/%s", rank ? rank : "", lname ? lname : "");
    snprintf(num, sizeof num, "%d", v->level);
    sb_put(&b, "{", 1);
    sb_field(&b, "number", v->number, 1);
    sb_field(&b, "status", sc_verify_status_name(v->status), 0);
    sb_puts(&b, v->status == SC_VERIFY_VALID ? ",\"valid\":true" : ",\"valid\":false");
    sb_field(&b, "name", shown ? v->masked_name : NULL, 0);
    sb_field(&b, "id_number", shown ? v->masked_id : NULL, 0);
    sb_field(&b, "occupation", shown ? v->occupation : NULL, 0);
    sb_field(&b, "occupation_name", shown ? v->occupation_name : NULL, 0);
    sb_field(&b, "work_type", shown ? v->work_type : NULL, 0);
    sb_puts(&b, ",\"level\":");
    sb_puts(&b, shown ? num : "null");
    sb_field(&b, "level_text", shown && rank != NULL ? level : NULL, 0);
    sb_field(&b, "organization_name", shown ? v->org_name : NULL, 0);
    sb_field(&b, "issued", v->issued[0] ? v->issued : NULL, 0);
    sb_field(&b, "revoked", v->revoked[0] ? v->revoked : NULL, 0);
    sb_put(&b, "}", 1);
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

/* Run the verification: SC_OK with *v filled, or a status after which the
 * caller answers an error (EINVAL malformed; EBUSY; others internal). */
static int do_verify(server *srv, sc_verification *v, const char *number, const char *name,
                     const char *id)
{
    sc_db *db = thread_db(srv);
    if (db == NULL)
        return SC_EDB;
    return sc_certificate_verify(v, db, number, name, id != NULL && id[0] ? id : NULL);
}

static enum MHD_Result api_verify(server *srv, struct MHD_Connection *c, request *rq)
{
    const char *number = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "number");
    const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    const char *id = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
    sc_verification v = SC_VERIFICATION_INIT;
    int rc;
    if (number == NULL || number[0] == '\0')
        return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "missing-number",
                          "the certificate number is required (number=)");
    if (name == NULL || name[0] == '\0')
        return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "missing-name",
                          "the holder's name is required (name=)");
    rc = do_verify(srv, &v, number, name, id);
    if (rc == SC_EINVAL)
        return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "malformed",
                          "not a certificate number (22 characters: S and 21 digits)");
    if (rc == SC_EBUSY)
        return send_error(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE, "busy", "try again");
    if (rc != SC_OK)
        return send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                          "the registry could not be read");
    rq->outcome = sc_verify_status_name(v.status);
    {
        size_t len = 0;
        char *text = verification_text(&v, &len);
        if (text == NULL)
            return MHD_NO; /* out of memory: close the connection */
        return send_buf(c, rq, verify_http_status(v.status), "application/json; charset=utf-8",
                        text, len, 0);
    }
}

static enum MHD_Result api_directory(server *srv, struct MHD_Connection *c, request *rq)
{
    const char *date = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "date");
    sc_db *db = thread_db(srv);
    sc_org_iter *it = NULL;
    json_t *arr;
    sc_org o = SC_ORG_INIT;
    int rc;
    if (db == NULL)
        return send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                          "the registry could not be read");
    if (date != NULL && date[0] == '\0')
        date = NULL;
    if ((rc = sc_directory_iter_new(&it, db, date)) != SC_OK)
        return rc == SC_EINVAL
                   ? send_error(c, rq, MHD_HTTP_BAD_REQUEST, "malformed-date",
                                "date must be YYYY-MM-DD")
                   : send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                "the registry could not be read");
    if ((arr = json_array()) == NULL) {
        sc_org_iter_free(it);
        return send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "out of memory");
    }
    while ((rc = sc_org_iter_next(&o, it)) == SC_OK) {
        json_t *e = json_object();
        if (e == NULL || cli_json_set(e, "credit_code", json_string(o.credit_code))
            || cli_json_set(e, "name", json_string(o.name))
            || cli_json_set(e, "district", json_string(o.district))
            || cli_json_set(e, "receipt", json_string(o.receipt))
            || cli_json_set(e, "filed", json_string(o.filed))
            || cli_json_set(e, "valid_until", json_string(o.valid_until))
            || cli_json_set(e, "rules", o.rules[0] ? json_string(o.rules) : json_null())
            || cli_json_set(e, "fees", o.fees[0] ? json_string(o.fees) : json_null())
            || cli_json_append(arr, e)) {
            json_decref(e);
            rc = SC_ENOMEM;
            break;
        }
    }
    sc_org_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                          "the registry could not be read");
    }
    rq->outcome = "directory";
    return send_json(c, rq, MHD_HTTP_OK, arr);
}

/* ---- The page ------------------------------------------------------------------------------- */

static const char PAGE_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>职业技能等级证书查询 · Certificate verification</title>\n"
    "<style>\n"
    "body{margin:0;font-family:\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\","
    "sans-serif;background:#f6f1e7;color:#222;line-height:1.5}\n"
    "header{background:#9e1a1a;color:#fff;padding:14px 16px}\n"
    "header h1{margin:0;font-size:1.25rem}header p{margin:2px 0 0;font-size:.85rem;opacity:.9}\n"
    "main{max-width:560px;margin:0 auto;padding:16px}\n"
    "form,.result{background:#fff;border:1px solid #d9c9a3;border-radius:8px;padding:16px;"
    "margin-bottom:16px}\n"
    "label{display:block;font-weight:bold;margin:10px 0 4px}label small{font-weight:normal;"
    "color:#666}\n"
    "input{box-sizing:border-box;width:100%;font-size:1rem;padding:10px;border:1px solid #aaa;"
    "border-radius:6px}\n"
    "button{margin-top:14px;width:100%;font-size:1.05rem;padding:12px;border:0;border-radius:6px;"
    "background:#9e1a1a;color:#fff}\n"
    ".ok{border-left:6px solid #1f7a3a}.bad{border-left:6px solid #b3261e}"
    ".warn{border-left:6px solid #b07b00}\n"
    ".verdict{font-size:1.2rem;font-weight:bold;margin:0 0 8px}\n"
    "dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}dt{color:#555}"
    "dd{margin:0;word-break:break-all}\n"
    "footer{font-size:.8rem;color:#555;text-align:center;padding:8px 16px 24px}\n"
    "</style>\n</head>\n<body>\n<header><h1>职业技能等级证书查询</h1>"
    "<p>Vocational skill level certificate verification</p></header>\n<main>\n";

static void page_form(sbuf *b, const char *number, const char *name)
{
    sb_puts(b, "<form id=\"verify\" method=\"get\" action=\"/\">\n"
               "<label for=\"number\">证书编号 <small>Certificate number</small></label>\n"
               "<input id=\"number\" name=\"number\" maxlength=\"32\" autocomplete=\"off\" "
               "inputmode=\"latin\" required value=\"");
    sb_html(b, number != NULL ? number : "");
    sb_puts(b, "\">\n<label for=\"name\">姓名 <small>Holder's name</small></label>\n"
               "<input id=\"name\" name=\"name\" maxlength=\"64\" autocomplete=\"off\" required "
               "value=\"");
    sb_html(b, name != NULL ? name : "");
    sb_puts(b, "\">\n<button type=\"submit\">查询 Verify</button>\n</form>\n");
}

static void row(sbuf *b, const char *zh, const char *en, const char *value)
{
    sb_puts(b, "<dt>");
    sb_puts(b, zh);
    sb_puts(b, " <small>");
    sb_puts(b, en);
    sb_puts(b, "</small></dt><dd>");
    sb_html(b, value);
    sb_puts(b, "</dd>\n");
}

static void page_result(sbuf *b, const sc_verification *v)
{
    char level[64];
    const char *cls = v->status == SC_VERIFY_VALID ? "ok"
                      : v->status == SC_VERIFY_NOT_PUBLISHED ? "warn" : "bad";
    sb_puts(b, "<section id=\"result\" class=\"result ");
    sb_puts(b, cls);
    sb_puts(b, "\" data-status=\"");
    sb_puts(b, sc_verify_status_name(v->status));
    sb_puts(b, "\">\n<p class=\"verdict\">");
    switch (v->status) {
    case SC_VERIFY_VALID:
        sb_puts(b, "✔ 证书有效 Valid certificate");
        break;
    case SC_VERIFY_REVOKED:
        sb_puts(b, "✘ 证书已撤销 Revoked on ");
        sb_html(b, v->revoked);
        break;
    case SC_VERIFY_NOT_PUBLISHED:
        sb_puts(b, "证书尚未发布 Not yet published");
        break;
    case SC_VERIFY_NAME_MISMATCH:
        sb_puts(b, "✘ 姓名与证书不符 The name does not match the certificate");
        break;
    default:
        sb_puts(b, "✘ 未查到该证书 No certificate with this number");
        break;
    }
    sb_puts(b, "</p>\n");
    if (v->status == SC_VERIFY_VALID || v->status == SC_VERIFY_REVOKED ||
        v->status == SC_VERIFY_NOT_PUBLISHED) {
        sb_puts(b, "<dl>\n");
        row(b, "证书编号", "Number", v->number);
        row(b, "姓名", "Name", v->masked_name);
        row(b, "证件号码", "ID number", v->masked_id);
        snprintf(level, sizeof level, "%s/%s", sc_level_rank_zh(v->level) ? sc_level_rank_zh(v->level) : "",
                 sc_level_name_zh(v->level) ? sc_level_name_zh(v->level) : "");
        row(b, "职业", "Occupation", v->occupation_name);
        row(b, "工种/方向", "Work type", v->work_type);
        row(b, "等级", "Level", level);
        row(b, "评价机构", "Organization", v->org_name);
        if (v->issued[0])
            row(b, "发证日期", "Issued", v->issued);
        if (v->revoked[0])
            row(b, "撤销日期", "Revoked", v->revoked);
        sb_puts(b, "</dl>\n");
    } else {
        sb_puts(b, "<p>证书编号 Number: ");
        sb_html(b, v->number);
        sb_puts(b, "</p>\n");
    }
    sb_puts(b, "</section>\n");
}

static enum MHD_Result page(server *srv, struct MHD_Connection *c, request *rq)
{
    const char *number = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "number");
    const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    unsigned int status = MHD_HTTP_OK;
    sbuf b = { NULL, 0, 0, 0 };
    sb_puts(&b, PAGE_HEAD);
    rq->outcome = "page";
    if (number != NULL && number[0] != '\0') {
        sc_verification v = SC_VERIFICATION_INIT;
        int rc;
        if (name == NULL || name[0] == '\0') {
            status = MHD_HTTP_BAD_REQUEST;
            rq->outcome = "missing-name";
            sb_puts(&b, "<section id=\"result\" class=\"result bad\" data-status=\"missing-name\">"
                        "<p class=\"verdict\">请填写持证人姓名 Please enter the holder's name"
                        "</p></section>\n");
        } else if ((rc = do_verify(srv, &v, number, name, NULL)) == SC_EINVAL) {
            status = MHD_HTTP_BAD_REQUEST;
            rq->outcome = "malformed";
            sb_puts(&b, "<section id=\"result\" class=\"result bad\" data-status=\"malformed\">"
                        "<p class=\"verdict\">证书编号格式不正确 Not a certificate number</p>"
                        "<p>证书编号为 22 位：S 加 21 位数字。The number has 22 characters: "
                        "S and 21 digits.</p></section>\n");
        } else if (rc != SC_OK) {
            status = rc == SC_EBUSY ? MHD_HTTP_SERVICE_UNAVAILABLE
                                    : MHD_HTTP_INTERNAL_SERVER_ERROR;
            rq->outcome = "internal";
            sb_puts(&b, "<section id=\"result\" class=\"result bad\" data-status=\"error\">"
                        "<p class=\"verdict\">暂时无法查询，请稍后再试 Please try again later"
                        "</p></section>\n");
        } else {
            rq->outcome = sc_verify_status_name(v.status);
            page_result(&b, &v);
        }
    }
    page_form(&b, number, name);
    sb_puts(&b, "</main>\n<footer>证书信息亦可在 " SC_CERT_QUERY_URL " 查询；评价机构目录见 "
                SC_ORG_QUERY_URL "。<br>Certificates can also be checked at " SC_CERT_QUERY_URL
                "; the directory of organizations is at " SC_ORG_QUERY_URL ".</footer>\n"
                "</body>\n</html>\n");
    if (b.failed) {
        free(b.data);
        return send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "out of memory");
    }
    return send_buf(c, rq, status, "text/html; charset=utf-8", b.data, b.len, 1);
}

/* ---- Dispatch ------------------------------------------------------------------------------- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    server *srv = cls;
    request *rq = *con_cls;
    const union MHD_ConnectionInfo *ci;
    arg_scan scan = { 0, 0 };
    (void)version;
    (void)upload_data;

    if (rq == NULL)
        return MHD_NO; /* the URI log callback always sets it */
    if (rq->status == -1) {
        /* First call: headers only. Refuse a body before it is read. */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
        size_t header_bytes = 0;
        conn_rec *r = conn_of(c);
        int cut = 0;
        if (r != NULL) {
            /* Take the request from the watchdog, unless it answered already. */
            pthread_mutex_lock(&srv->conn_lock);
            if (r->phase == CONN_CUT)
                cut = 1;
            else
                r->phase = CONN_BUSY;
            pthread_mutex_unlock(&srv->conn_lock);
        }
        if (cut)
            return MHD_NO; /* answered (408, 400 or 414) and shut: close it */
        rq->status = 0;
        MHD_get_connection_values(c, MHD_HEADER_KIND, sum_header, &header_bytes);
        if (header_bytes > SERVE_MAX_HEADERS)
            return send_error(c, rq, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "headers",
                              "the request headers are too large");
        if ((cl != NULL && strcmp(cl, "0") != 0) || te != NULL)
            return send_error(c, rq, 413, "body",
                              "requests carry no body");
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
            return send_error(c, rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method",
                              "only GET and HEAD are served");
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (rq->status != 0)
        return MHD_YES; /* already answered */
    ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!rate_ok(srv, ci != NULL ? ci->client_addr : NULL))
        return send_error(c, rq, MHD_HTTP_TOO_MANY_REQUESTS, "rate-limited",
                          "too many requests from this address; retry in a second");
    if (!utf8_ok(url) || strstr(url, "..") != NULL || strchr(url, '\\') != NULL)
        return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "bad-path", "malformed path");
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, scan_arg, &scan);
    if (scan.count > SERVE_MAX_ARGS)
        return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "too-many-parameters",
                          "too many query parameters");
    if (scan.bad)
        return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "bad-parameter",
                          "a query parameter is not valid UTF-8 text or is too long");
    if (strcmp(url, "/api/verify") == 0)
        return api_verify(srv, c, rq);
    if (strcmp(url, "/api/directory") == 0)
        return api_directory(srv, c, rq);
    if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
        return page(srv, c, rq);
    return send_error(c, rq, MHD_HTTP_NOT_FOUND, "no-such-page", "no such page");
}

/* The non-empty parameters of a raw query (after '?'), as libmicrohttpd
   splits them, counted up to limit + 1. */
static int count_params(const char *q, int limit)
{
    int n = 0;
    while (q != NULL && *q && n <= limit) {
        const char *amp = strchr(q, '&');
        size_t len = amp != NULL ? (size_t)(amp - q) : strlen(q);
        if (len > 0)
            n++;
        q = amp != NULL ? amp + 1 : NULL;
    }
    return n;
}

/* Called first with the raw URI, before libmicrohttpd splits the query:
   start the request's record; keep the path (never the query) for the log.
   A request line too long (414) or with too many parameters (400) is
   answered here at once: libmicrohttpd would store each parameter in the
   connection's memory pool, and past about a thousand of them the pool is
   exhausted and 0.9.75 holds the connection without an answer. */
static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
    server *srv = cls;
    request *rq;
    conn_rec *r = conn_of(c);
    const char *query = strchr(uri, '?');
    const char *outcome = NULL;
    char path[sizeof rq->path];
    size_t n = 0;
    int status = 0, cut = 0;
    while (uri[n] && uri[n] != '?' && n < sizeof path - 1) {
        unsigned char ch = (unsigned char)uri[n];
        path[n] = ch > 0x20 && ch < 0x7f && ch != '"' ? (char)ch : '_';
        n++;
    }
    path[n] = '\0';
    if (count_params(query != NULL ? query + 1 : NULL, SERVE_MAX_ARGS) > SERVE_MAX_ARGS) {
        status = MHD_HTTP_BAD_REQUEST;
        outcome = "too-many-parameters";
    } else if (strlen(uri) > SERVE_MAX_URI) {
        status = MHD_HTTP_URI_TOO_LONG;
        outcome = "uri-too-long";
    }
    if (r != NULL) {
        pthread_mutex_lock(&srv->conn_lock);
        r->uri_seen = 1;
        if (r->request_start == 0)
            r->request_start = now_s();
        if (status != 0 && r->phase == CONN_WAITING) {
            conn_cut(r, status, status == MHD_HTTP_URI_TOO_LONG ? "URI Too Long" : "Bad Request",
                     outcome, status == MHD_HTTP_URI_TOO_LONG ? "the request line is too long"
                                                             : "too many query parameters");
            cut = 1;
        }
        pthread_mutex_unlock(&srv->conn_lock);
    }
    if (cut) {
        /* Answered: no request record (libmicrohttpd may drop the request
           without the completion callback when its pool runs out), so the
           access handler, if reached, closes the connection. */
        log_line(srv, path, status, outcome, 0.0, " closed=cut");
        return NULL;
    }
    if ((rq = calloc(1, sizeof *rq)) == NULL)
        return NULL;
    rq->start = now_s();
    rq->status = -1;
    memcpy(rq->path, path, n + 1);
    return rq;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    server *srv = cls;
    request *rq = *con_cls;
    conn_rec *r = conn_of(c);
    int status = rq != NULL ? rq->status : 0;
    const char *outcome = rq != NULL ? rq->outcome : NULL;
    if (r != NULL) {
        pthread_mutex_lock(&srv->conn_lock);
        if (r->cut_status != 0) {
            status = r->cut_status;
            outcome = r->cut_outcome;
        }
        if (r->phase == CONN_BUSY) {
            /* Done: the connection waits for its next request (keep-alive). */
            r->phase = CONN_WAITING;
            r->since = now_s();
            r->request_start = 0;
            r->uri_seen = 0;
            r->rx_known = 0;
            r->fresh = 0;
        }
        pthread_mutex_unlock(&srv->conn_lock);
    }
    if (rq == NULL)
        return;
    log_line(srv, rq->path, status, outcome, (now_s() - rq->start) * 1000.0,
             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? NULL
             : toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " closed=timeout"
             : toe == MHD_REQUEST_TERMINATED_READ_ERROR ? " closed=read-error"
             : " closed=error");
    free(rq);
    *con_cls = NULL;
}

/* ---- The command --------------------------------------------------------------------------- */

static int parse_listen(const char *text, struct sockaddr_in *sa)
{
    char host[64];
    const char *colon = strrchr(text, ':');
    char *end;
    long port;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (colon == NULL || (size_t)(colon - text) >= sizeof host || colon == text)
        return -1;
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = '\0';
    errno = 0;
    port = strtol(colon + 1, &end, 10);
    if (errno || *end || end == colon + 1 || port < 0 || port > 65535)
        return -1;
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return -1;
    sa->sin_port = htons((uint16_t)port);
    return 0;
}

static int parse_int(const char *text, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(text, &end, 10);
    if (errno || *end || end == text || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

const cli_option cli_serve_options[] = {
    { "listen", "ADDR:PORT", "the IPv4 address and port to listen on (default 127.0.0.1:8080; "
      "port 0 picks a free one, printed on start)" },
    { "threads", "N", "server threads, each with its own read-only registry handle (default 2)" },
    { "rate-limit", "N", "requests per second per client address, 0 for none (default 20)" },
    { "timeout", "SECONDS", "close a kept-alive connection idle this long between requests "
      "(default 10)" },
    { "request-timeout", "SECONDS", "a request (its line and headers) must arrive whole within "
      "this long of its start, else it gets 408 and the connection is closed (default 10)" },
    { "quiet", NULL, "no log line per request" },
    { NULL, NULL, NULL }
};

int cli_cmd_serve(cli_ctx *ctx)
{
    const char *listen = cli_opt(ctx, "listen");
    struct sockaddr_in sa;
    struct MHD_Daemon *d = NULL;
    const union MHD_DaemonInfo *info;
    server *srv = NULL;
    sc_db *probe = NULL;
    sc_db_options opts;
    sigset_t set;
    long threads = 2, rate = 20, timeout = 10, request_timeout = 10;
    pthread_t watch;
    int watching = 0;
    int sig = 0, rc, i, status = CLI_EXIT_OK;
    struct stat st;

    if (parse_listen(listen != NULL ? listen : "127.0.0.1:8080", &sa) != 0)
        return cli_usage_error(ctx, "--listen wants ADDR:PORT (IPv4), e.g. 127.0.0.1:8080");
    if (cli_opt(ctx, "threads") != NULL && parse_int(cli_opt(ctx, "threads"), 1,
                                                     SERVE_MAX_THREADS, &threads) != 0)
        return cli_usage_error(ctx, "--threads wants a number from 1 to %d", SERVE_MAX_THREADS);
    if (cli_opt(ctx, "rate-limit") != NULL
        && parse_int(cli_opt(ctx, "rate-limit"), 0, 1000000, &rate) != 0)
        return cli_usage_error(ctx, "--rate-limit wants a number from 0 to 1000000");
    if (cli_opt(ctx, "timeout") != NULL
        && parse_int(cli_opt(ctx, "timeout"), 1, 3600, &timeout) != 0)
        return cli_usage_error(ctx, "--timeout wants a number of seconds from 1 to 3600");
    if (cli_opt(ctx, "request-timeout") != NULL
        && parse_int(cli_opt(ctx, "request-timeout"), 1, 3600, &request_timeout) != 0)
        return cli_usage_error(ctx,
                               "--request-timeout wants a number of seconds from 1 to 3600");
    if (strcmp(ctx->db_path, ":memory:") == 0 || stat(ctx->db_path, &st) != 0) {
        cli_errorf("%s: no such registry", ctx->db_path);
        return CLI_EXIT_DB;
    }
    /* Open once up front so a bad registry fails now, not on the first request. */
    if ((rc = sc_db_options_init(&opts, SC_DB_OPTIONS_VERSION)) != SC_OK)
        return cli_fail(rc, NULL);
    opts.flags = SC_DB_READONLY;
    if ((rc = sc_db_open(&probe, ctx->db_path, &opts)) != SC_OK)
        return cli_fail(rc, NULL);
    sc_db_close(probe);

    if ((srv = calloc(1, sizeof *srv)) == NULL)
        return cli_oom();
    srv->db_path = ctx->db_path;
    srv->rate = (double)rate;
    srv->log = cli_opt(ctx, "quiet") == NULL;
    if (srv->log)
        setvbuf(stderr, NULL, _IOFBF, 64 * 1024); /* flushed by the watchdog */
    srv->request_timeout = (double)request_timeout;
    srv->idle_timeout = (double)timeout;
    pthread_mutex_init(&srv->lock, NULL);
    pthread_mutex_init(&srv->conn_lock, NULL);
    pthread_cond_init(&srv->conn_wake, NULL);
    if (pthread_key_create(&db_key, NULL) != 0) {
        pthread_cond_destroy(&srv->conn_wake);
        pthread_mutex_destroy(&srv->conn_lock);
        pthread_mutex_destroy(&srv->lock);
        free(srv);
        return cli_oom();
    }

    /* Server threads inherit this mask: only the main thread takes the signals. */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL,
                         handle, srv,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_CONN_MEMORY,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)256,
                         /* A backstop (slow readers of an answer): the watchdog
                            closes idle and stalled connections before it. */
                         MHD_OPTION_CONNECTION_TIMEOUT,
                         (unsigned int)((timeout > request_timeout ? timeout : request_timeout)
                                        + 2),
                         MHD_OPTION_NOTIFY_CONNECTION, conn_notify, srv,
                         MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024,
                         MHD_OPTION_URI_LOG_CALLBACK, uri_logger, srv,
                         MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                         MHD_OPTION_END);
    if (d == NULL) {
        cli_errorf("cannot listen on %s: %s", listen != NULL ? listen : "127.0.0.1:8080",
                   errno ? strerror(errno) : "libmicrohttpd refused to start");
        status = CLI_EXIT_INTERNAL;
        goto done;
    }
    if (pthread_create(&watch, NULL, watchdog, srv) != 0) {
        cli_errorf("cannot start the request watchdog");
        status = CLI_EXIT_INTERNAL;
        goto done;
    }
    watching = 1;
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    {
        char addr[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
        printf("skillcert serve: listening on http://%s:%u/ (%ld threads, registry %s, "
               "read-only)\n", addr, info != NULL ? (unsigned)info->port : 0u, threads,
               ctx->db_path);
        fflush(stdout);
    }
    while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
        ; /* nothing to reload */
    /* Stop accepting, let requests in progress finish, then stop the threads. */
    MHD_quiesce_daemon(d);
    MHD_stop_daemon(d);
    d = NULL;
    fprintf(stderr, "skillcert serve: stopped on signal %d\n", sig);
done:
    if (d != NULL)
        MHD_stop_daemon(d);
    if (watching) {
        pthread_mutex_lock(&srv->conn_lock);
        srv->stopping = 1;
        pthread_cond_signal(&srv->conn_wake);
        pthread_mutex_unlock(&srv->conn_lock);
        pthread_join(watch, NULL);
    }
    for (i = 0; i < srv->ndbs; i++)
        sc_db_close(srv->dbs[i]);
    pthread_key_delete(db_key);
    fflush(stderr);
    pthread_cond_destroy(&srv->conn_wake);
    pthread_mutex_destroy(&srv->conn_lock);
    pthread_mutex_destroy(&srv->lock);
    free(srv);
    return status;
}
