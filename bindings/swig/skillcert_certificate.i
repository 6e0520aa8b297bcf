/*
 * skillcert_certificate.i -- vocational skill level certificates
 * (certificate.h): numbers, reporting (报备), issue, publication,
 * revocation and re-issue, the enterprise post certificate of "一岗双认",
 * public verification (single and batch), statistics and the electronic
 * certificate. Included by bindings/swig/skillcert.i after
 * skillcert_eligibility.i; same error path and ownership rules.
 *
 * Value classes (read-only copies owned by the wrapper):
 *     CertNumber     a certificate number taken apart (sc_cert_number)
 *     Certificate    a certificate with all its content (sc_certificate)
 *     Verification   what public verification shows (sc_verification)
 *     CertStatsRow   one group of the statistics and its count
 * Iterators (as OrgIterator: next_item(), close(); Python iteration and
 * with blocks; Java Iterable and AutoCloseable):
 *     CertificateIterator   from Database.certificates()
 *     CertStatsIterator     from Database.certificate_stats()
 *
 * Database methods: certificate_report, certificate_issue,
 * certificate_publish, certificate_revoke, certificate_reissue,
 * certificate_link_post, certificate_get, certificates, certificate_verify,
 * certificate_batch_verify, certificate_stats, certificate_export_memory,
 * certificate_export_file. Module functions: certificate_number_parse,
 * certificate_mask_name, certificate_mask_id, cert_status_name,
 * verify_status_name.
 *
 * Batch verification takes lists of strings: Python any sequence of str
 * (None items allowed), Java java.util.List<String> or String[]; it gives a
 * list of Verification (Python list, Java List<Verification>). The few
 * language-specific lines this needs are kept in this file, in
 * SWIGPYTHON / SWIGJAVA blocks, with names of their own (scw_cert_...).
 */

%{
SCW_ITER_STRUCT(scw_certificate_iter, sc_certificate_iter)
SCW_ITER_STRUCT(scw_cert_stats_iter, sc_cert_stats_iter)

/* A list of strings handed in by the language (batch verification):
   items may be NULL; `failed` when the language could not convert it. */
typedef struct scw_cert_texts {
    char **items;
    size_t n;
    int failed;
} scw_cert_texts;

/* The answers of a batch verification, in the order asked. */
typedef struct scw_verification_list {
    sc_verification *items;
    size_t n;
} scw_verification_list;

static scw_verification_list *scw_cert_batch_verify(sc_db *db, const scw_cert_texts *numbers,
                                                    const scw_cert_texts *names,
                                                    const scw_cert_texts *id_numbers)
{
    scw_verification_list *list;
    size_t i;

    if ((numbers && numbers->failed) || (names && names->failed)
        || (id_numbers && id_numbers->failed)) {
        scw_fail(SC_ENOMEM, "out of memory");
        return NULL;
    }
    if (!numbers || !names) {
        scw_fail(SC_EINVAL, "certificate_batch_verify: numbers and names are required");
        return NULL;
    }
    if (names->n != numbers->n || (id_numbers && id_numbers->n != numbers->n)) {
        scw_fail(SC_EINVAL,
                 "certificate_batch_verify: names and id_numbers must have one item per number");
        return NULL;
    }
    list = (scw_verification_list *)scw_alloc_item(sizeof *list);
    if (!list) return NULL;
    list->items = (sc_verification *)scw_alloc_item(
        (numbers->n ? numbers->n : 1) * sizeof *list->items);
    if (!list->items) {
        free(list);
        return NULL;
    }
    list->n = numbers->n;
    for (i = 0; i < list->n; i++)
        list->items[i].version = SC_VERIFICATION_VERSION;
    if (scw_check(sc_certificate_batch_verify(
            list->items, db, (const char *const *)numbers->items,
            (const char *const *)names->items,
            id_numbers ? (const char *const *)id_numbers->items : NULL, numbers->n)) < 0) {
        free(list->items);
        free(list);
        return NULL;
    }
    return list;
}
%}

/* ---- Per language: representations (before the classes are declared) ---------------- */
#if defined(SWIGPYTHON)
%extend sc_certificate {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Certificate %s %s %s>" % (self.number, self.holder,
                                                      cert_status_name(self.status))
%}
}

%extend sc_verification {
%pythoncode %{
    def __bool__(self):
        """True when the certificate is published and in force."""
        return self.status == VERIFY_VALID

    def __repr__(self):
        return "<skillcert.Verification %s %s>" % (self.number, verify_status_name(self.status))
%}
}

%extend sc_cert_stats_row {
%pythoncode %{
    def __repr__(self):
        groups = [g for g in (self.occupation, self.level or "", self.district,
                              self.credit_code, self.period) if g != ""]
        return "<skillcert.CertStatsRow %s: %d>" % (" ".join(map(str, groups)) or "total",
                                                   self.count)
%}
}

%extend sc_cert_number {
%pythoncode %{
    def __str__(self):
        return self.number

    def __repr__(self):
        return "<skillcert.CertNumber %s>" % (self.number,)
%}
}
#elif defined(SWIGJAVA)
/* SWIG would write the title's UTF-8 as octal escapes, which Java reads as
   Latin-1: the same text ("职业技能等级证书") in Java's escapes. */
%javaconstvalue("\"\\u804c\\u4e1a\\u6280\\u80fd\\u7b49\\u7ea7\\u8bc1\\u4e66\"") SC_CERT_TITLE;

%typemap(javacode) sc_certificate, struct sc_certificate %{
  @Override
  public String toString() {
    return getNumber() + " " + getHolder() + " " + Skillcert.certStatusName(getStatus());
  }
%}

%typemap(javacode) sc_verification, struct sc_verification %{
  /** True when the certificate is published and in force. */
  public boolean isValid() {
    return getStatus() == VerifyStatus.VALID;
  }

  @Override
  public String toString() {
    return getNumber() + " " + Skillcert.verifyStatusName(getStatus());
  }
%}

%typemap(javacode) sc_cert_number, struct sc_cert_number %{
  @Override
  public String toString() {
    return getNumber();
  }
%}
#endif

/* ---- Value classes -------------------------------------------------------------- */
%rename(CertNumber) sc_cert_number;
%rename(Certificate) sc_certificate;
%rename(Verification) sc_verification;
%rename(CertStatsRow) sc_cert_stats_row;
%nodefaultctor sc_cert_number;
%nodefaultctor sc_certificate;
%nodefaultctor sc_verification;
%nodefaultctor sc_cert_stats_row;

%immutable;
/* Query structures: the methods take the filters as arguments. */
%ignore sc_certificate_query;
%ignore SC_CERTIFICATE_QUERY_VERSION;
%ignore SC_CERTIFICATE_QUERY_INIT;
%ignore sc_cert_stats_query;
%ignore SC_CERT_STATS_QUERY_VERSION;
%ignore SC_CERT_STATS_QUERY_INIT;
%include "skillcert/certificate.h"
%mutable;

/* ---- Iterators -------------------------------------------------------------------- */
SCW_ITERATOR(scw_certificate_iter, CertificateIterator, sc_certificate, Certificate,
             sc_certificate_iter_next, sc_certificate_iter_free)
SCW_ITERATOR(scw_cert_stats_iter, CertStatsIterator, sc_cert_stats_row, CertStatsRow,
             sc_certificate_stats_iter_next, sc_cert_stats_iter_free)

/* ---- VerificationList: what batch verification returns -----------------------------
 * The languages turn it into a list at once (see below). */
%rename(VerificationList) scw_verification_list;
%nodefaultctor scw_verification_list;
struct scw_verification_list {};

%extend scw_verification_list {
    ~scw_verification_list() {
        free($self->items);
        free($self);
    }

    size_t count() { return $self->n; }

    /** A copy of answer i (0 <= i < count()). */
    sc_verification get(size_t i) {
        sc_verification v = SC_VERIFICATION_INIT;
        if (i >= $self->n) {
            scw_fail(SC_EINVAL, "verification index out of range");
            return v;
        }
        return $self->items[i];
    }
}

/* ---- Lists of strings in, per language ---------------------------------------------- */
#if defined(SWIGPYTHON)
%typemap(doctype) const scw_cert_texts * "list of str";
/* A sequence of str (None items allowed), not a single str. The pointers
   are the str objects' own UTF-8, kept alive by `fast` until freearg. */
%typemap(in) const scw_cert_texts * (scw_cert_texts texts, PyObject *fast = NULL,
                                     char **slots = NULL) {
    Py_ssize_t i, n;
    $1 = NULL;
    if ($input != Py_None) {
        if (PyUnicode_Check($input) || PyBytes_Check($input)) {
            PyErr_SetString(PyExc_TypeError, "expected a list of str, not a single string");
            SWIG_fail;
        }
        fast = PySequence_Fast($input, "expected a list of str");
        if (!fast) SWIG_fail;
        n = PySequence_Fast_GET_SIZE(fast);
        slots = (char **)calloc(n ? (size_t)n : 1u, sizeof *slots);
        if (!slots) {
            PyErr_NoMemory();
            SWIG_fail;
        }
        for (i = 0; i < n; i++) {
            PyObject *o = PySequence_Fast_GET_ITEM(fast, i);
            const char *text_ = NULL;
            if (o == Py_None) continue;
            if (scw_py_text(o, &text_, NULL, 0, "$1_name item") < 0) SWIG_fail;
            slots[i] = (char *)text_;
        }
        texts.items = slots;
        texts.n = (size_t)n;
        texts.failed = 0;
        $1 = &texts;
    }
}
%typemap(freearg) const scw_cert_texts * {
    free(slots$argnum);
    Py_XDECREF(fast$argnum);
}

/* The list of answers becomes a Python list. */
%pythonappend scw_database::certificate_batch_verify %{
    val = [val.get(i) for i in range(val.count())]
%}

#elif defined(SWIGJAVA)
/* Java hands over byte[][] (each NUL-terminated UTF-8, or null), made by
   CertTexts.toUtf8 from a List<String>; the typemap copies them so that no
   JNI reference is held. A failure is reported by the wrapper (ENOMEM). */
%{
static void scw_cert_texts_from_java(JNIEnv *jenv, jobjectArray array, scw_cert_texts *t)
{
    jsize i, n = (*jenv)->GetArrayLength(jenv, array);

    t->items = (char **)calloc(n ? (size_t)n : 1u, sizeof *t->items);
    t->n = 0;
    t->failed = 0;
    if (!t->items) {
        t->failed = 1;
        return;
    }
    t->n = (size_t)n;
    for (i = 0; i < n; i++) {
        jbyteArray b = (jbyteArray)(*jenv)->GetObjectArrayElement(jenv, array, i);
        jsize len;
        if ((*jenv)->ExceptionCheck(jenv)) {
            (*jenv)->ExceptionClear(jenv);
            t->failed = 1;
            return;
        }
        if (!b) continue;
        len = (*jenv)->GetArrayLength(jenv, b);
        t->items[i] = (char *)malloc((size_t)len + 1u);
        if (!t->items[i]) {
            (*jenv)->DeleteLocalRef(jenv, b);
            t->failed = 1;
            return;
        }
        (*jenv)->GetByteArrayRegion(jenv, b, 0, len, (jbyte *)t->items[i]);
        t->items[i][len] = '\0';
        (*jenv)->DeleteLocalRef(jenv, b);
    }
}

static void scw_cert_texts_free(scw_cert_texts *t)
{
    size_t i;
    if (!t->items) return;
    for (i = 0; i < t->n; i++)
        free(t->items[i]);
    free(t->items);
    t->items = NULL;
}
%}

%typemap(jni) const scw_cert_texts * "jobjectArray"
%typemap(jtype) const scw_cert_texts * "byte[][]"
%typemap(jstype) const scw_cert_texts * "java.util.List<String>"
%typemap(javain) const scw_cert_texts * "CertTexts.toUtf8($javainput)"
%typemap(in, noblock=1) const scw_cert_texts * (scw_cert_texts texts) {
  texts.items = NULL;
  texts.n = 0;
  texts.failed = 0;
  $1 = NULL;
  if ($input) {
    scw_cert_texts_from_java(jenv, $input, &texts);
    $1 = &texts;
  }
}
%typemap(freearg, noblock=1) const scw_cert_texts * {
  scw_cert_texts_free(&texts$argnum);
}

SCW_JAVA_PLAIN_CLASS(scw_java_cert_texts, CertTexts)
%typemap(javaclassmodifiers) struct scw_java_cert_texts "final class"
%typemap(javabody) struct scw_java_cert_texts %{
  private CertTexts() {}

  /** The strings as NUL-terminated UTF-8 (null items stay null); null for null. */
  static byte[][] toUtf8(java.util.List<String> texts) {
    if (texts == null)
      return null;
    byte[][] out = new byte[texts.size()][];
    int i = 0;
    for (String s : texts)
      out[i++] = Skillcert.swigToUtf8(s);
    return out;
  }
%}
struct scw_java_cert_texts {};

/* The list of answers becomes an unmodifiable List<Verification>. */
%typemap(jstype) scw_verification_list * "java.util.List<Verification>"
%typemap(javaout) scw_verification_list * {
    long cPtr = $jnicall;
    if (cPtr == 0)
      return null;
    VerificationList answers = new VerificationList(cPtr, true);
    try {
      int n = (int)answers.count();
      java.util.List<Verification> list = new java.util.ArrayList<Verification>(n);
      for (int i = 0; i < n; i++)
        list.add(answers.get(i));
      return java.util.Collections.unmodifiableList(list);
    } finally {
      answers.delete();
    }
  }
#endif

/* ---- Database: certificates ------------------------------------------------------------ */
%newobject scw_database::certificate_report;
%newobject scw_database::certificate_reissue;
%newobject scw_database::certificate_export_memory;
%newobject scw_database::certificates;
%newobject scw_database::certificate_stats;
%newobject scw_database::certificate_batch_verify;
%typemap(newfree) char *certificate_report, char *certificate_reissue "free($1);";
SCW_LANG_CHILD(scw_database::certificates)
SCW_LANG_CHILD(scw_database::certificate_stats)

%extend scw_database {
    /* -- the workflow -- */

    /** Certify the level of a candidate who passed in session_id and report
       it to the city (报备): the certificate is REPORTED; returns its number
       (22 characters). date: the certification date, None for today. */
    char *certificate_report(const scw_actor *actor, int64_t session_id, const char *id_number,
                             const char *date = NULL) {
        char number[SC_CERT_NUMBER_SIZE];
        char *out;
        SCW_DB(db, $self, NULL);
        number[0] = '\0';
        if (scw_check(sc_certificate_report(number, db, actor, session_id, id_number, date)) < 0)
            return NULL;
        out = scw_strdup(number);
        if (!out) scw_fail(SC_ENOMEM, "out of memory");
        return out;
    }

    /** The organization issues a reported certificate (颁发: REPORTED to
       ISSUED); photo: a reference to the holder's photo, or None. */
    scw_status certificate_issue(const scw_actor *actor, const char *number,
                                 const char *photo = NULL, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_certificate_issue(db, actor, number, photo, date));
    }

    /** The city centre publishes an issued certificate (发布: ISSUED to PUBLISHED). */
    scw_status certificate_publish(const scw_actor *actor, const char *number,
                                   const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_certificate_publish(db, actor, number, date));
    }

    /** Revoke a certificate with a reason (the issuing organization or the
       city centre). */
    scw_status certificate_revoke(const scw_actor *actor, const char *number,
                                  const char *reason, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_certificate_revoke(db, actor, number, reason, date));
    }

    /** Re-issue a certificate: a new one (new number, REPORTED) replaces it,
       and it is revoked with reason if it was not already. holder: a
       corrected name, or None to keep it. Returns the new number. */
    char *certificate_reissue(const scw_actor *actor, const char *number, const char *holder,
                              const char *reason, const char *date = NULL) {
        char fresh[SC_CERT_NUMBER_SIZE];
        char *out;
        SCW_DB(db, $self, NULL);
        fresh[0] = '\0';
        if (scw_check(sc_certificate_reissue(fresh, db, actor, number, holder, reason,
                                             date)) < 0)
            return NULL;
        out = scw_strdup(fresh);
        if (!out) scw_fail(SC_ENOMEM, "out of memory");
        return out;
    }

    /** Link the enterprise post certificate of "一岗双认" (enterprise, post
       岗位, its number, its issue date) to a certificate; again replaces it. */
    scw_status certificate_link_post(const scw_actor *actor, const char *number,
                                     const char *enterprise, const char *post,
                                     const char *post_number, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_certificate_link_post(db, actor, number, enterprise, post,
                                                  post_number, date));
    }

    /* -- questions -- */

    /** One certificate with all its content. */
    sc_certificate certificate_get(const char *number) {
        SCW_GET(sc_certificate, sc_certificate_get(&out, db, number));
    }

    /** Certificates by number: all, or one organization's, or one holder's. */
    scw_certificate_iter *certificates(const char *credit_code = NULL,
                                       const char *id_number = NULL) {
        sc_certificate_query q = SC_CERTIFICATE_QUERY_INIT;
        sc_certificate_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.credit_code = credit_code;
        q.id_number = id_number;
        if (scw_check(sc_certificate_iter_new(&it, db, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_certificate_iter, sc_certificate_iter_free, it);
    }

    /** Public verification (证书查询) by number and holder's name, and the ID
       number when given: a Verification whatever was found (see .status);
       raises only for a malformed number or a missing name. */
    sc_verification certificate_verify(const char *number, const char *name,
                                       const char *id_number = NULL) {
        SCW_GET(sc_verification, sc_certificate_verify(&out, db, number, name, id_number));
    }

    /** Verify many certificates in one read: answer i is for (numbers[i],
       names[i], id_numbers[i] if given). A malformed number answers
       VERIFY_MALFORMED. */
    scw_verification_list *certificate_batch_verify(const scw_cert_texts *numbers,
                                                    const scw_cert_texts *names,
                                                    const scw_cert_texts *id_numbers = NULL) {
        SCW_DB(db, $self, NULL);
        return scw_cert_batch_verify(db, numbers, names, id_numbers);
    }

    /** Certificates in force issued between from_date and to_date (None: no
       bound), grouped by the STATS_* bits of flags (none: one total row). */
    scw_cert_stats_iter *certificate_stats(int flags = 0, const char *from_date = NULL,
                                           const char *to_date = NULL) {
        sc_cert_stats_query q = SC_CERT_STATS_QUERY_INIT;
        sc_cert_stats_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.flags = (unsigned int)flags;
        q.from = from_date;
        q.to = to_date;
        if (scw_check(sc_certificate_stats_iter_new(&it, db, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_cert_stats_iter, sc_cert_stats_iter_free, it);
    }

    /* -- the electronic certificate (电子证书) -- */

    /** The electronic certificate of an issued certificate, as XML text
       (urn:skillcert:certificate:1; validates as DOC_CERTIFICATE). */
    char *certificate_export_memory(const char *number) {
        char *out = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_certificate_export_memory(&out, NULL, db, number)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }

    /** The electronic certificate written to a file (replaced). */
    scw_status certificate_export_file(const char *number, const char *path) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_certificate_export_file(db, number, path));
    }

#if defined(SWIGJAVA)
    /* The defaults of the C interface, as overloads. */
    %proxycode %{
  /** Certified and reported today. */
  public String certificateReport(Actor actor, long sessionId, String idNumber) {
    return certificateReport(actor, sessionId, idNumber, null);
  }

  /** Issued today. */
  public void certificateIssue(Actor actor, String number, String photo) {
    certificateIssue(actor, number, photo, null);
  }

  public void certificatePublish(Actor actor, String number) {
    certificatePublish(actor, number, null);
  }

  public void certificateRevoke(Actor actor, String number, String reason) {
    certificateRevoke(actor, number, reason, null);
  }

  public String certificateReissue(Actor actor, String number, String holder, String reason) {
    return certificateReissue(actor, number, holder, reason, null);
  }

  public void certificateLinkPost(Actor actor, String number, String enterprise, String post,
                                  String postNumber) {
    certificateLinkPost(actor, number, enterprise, post, postNumber, null);
  }

  /** Every certificate. */
  public CertificateIterator certificates() {
    return certificates(null, null);
  }

  /** One organization's certificates. */
  public CertificateIterator certificates(String creditCode) {
    return certificates(creditCode, null);
  }

  /** Verification by number and name only. */
  public Verification certificateVerify(String number, String name) {
    return certificateVerify(number, name, null);
  }

  public java.util.List<Verification> certificateBatchVerify(java.util.List<String> numbers,
                                                             java.util.List<String> names) {
    return certificateBatchVerify(numbers, names, null);
  }

  public java.util.List<Verification> certificateBatchVerify(String[] numbers, String[] names,
                                                             String[] idNumbers) {
    return certificateBatchVerify(numbers == null ? null : java.util.Arrays.asList(numbers),
                                  names == null ? null : java.util.Arrays.asList(names),
                                  idNumbers == null ? null : java.util.Arrays.asList(idNumbers));
  }

  public java.util.List<Verification> certificateBatchVerify(String[] numbers, String[] names) {
    return certificateBatchVerify(numbers, names, null);
  }

  /** One total row: every certificate in force. */
  public CertStatsIterator certificateStats() {
    return certificateStats(0, null, null);
  }

  public CertStatsIterator certificateStats(int flags) {
    return certificateStats(flags, null, null);
  }
    %}
#endif
}

/* ---- Module functions ---------------------------------------------------------------- */
%{
static sc_cert_number certificate_number_parse(const char *text)
{
    sc_cert_number n = SC_CERT_NUMBER_INIT;
    scw_check(sc_certificate_number_parse(&n, text));
    return n;
}

static char *certificate_mask_name(const char *name)
{
    char buf[SC_MASKED_NAME_SIZE];
    char *out;
    if (scw_check(sc_certificate_mask_name(buf, name)) < 0) return NULL;
    out = scw_strdup(buf);
    if (!out) scw_fail(SC_ENOMEM, "out of memory");
    return out;
}

static char *certificate_mask_id(const char *id_number)
{
    char buf[SC_MASKED_ID_SIZE];
    char *out;
    if (scw_check(sc_certificate_mask_id(buf, id_number)) < 0) return NULL;
    out = scw_strdup(buf);
    if (!out) scw_fail(SC_ENOMEM, "out of memory");
    return out;
}

static const char *cert_status_name(int status) { return sc_cert_status_name(status); }
static const char *verify_status_name(int status) { return sc_verify_status_name(status); }
%}

%typemap(newfree) char *certificate_mask_name, char *certificate_mask_id "free($1);";
%newobject certificate_mask_name;
%newobject certificate_mask_id;

/** Check a certificate number (22 characters: S/Y, 21 digits) and take it
   apart; raises ValidationError saying what is wrong. */
sc_cert_number certificate_number_parse(const char *text);
/** A name masked for display: "张小三" gives "张*三". */
char *certificate_mask_name(const char *name);
/** An ID number masked for display: "110105********002X". */
char *certificate_mask_id(const char *id_number);
/** "reported", "issued", "published", "revoked"; None/null if unknown. */
const char *cert_status_name(scw_cert_status status);
/** "not-found", "not-published", "revoked", "valid", "name-mismatch",
   "malformed"; None/null if unknown. */
const char *verify_status_name(scw_verify_status status);

/* ---- The rendered certificate (render.h, issue 14) ------------------------------------
 * Database.certificate_render(number, path, base_url=None) draws the certificate
 * (PDF; SVG or PNG by the extension); certificate_qr_text(number, holder,
 * base_url=None) gives its QR code's content (docs/certificate-qr.md). */
%{
static char *certificate_qr_text(const char *number, const char *holder, const char *base_url)
{
    char *text = NULL, *out;
    if (scw_check(sc_certificate_qr_text(&text, number, holder, base_url)) < 0) return NULL;
    out = scw_strdup(text);
    sc_free(text);
    if (!out) scw_fail(SC_ENOMEM, "out of memory");
    return out;
}
%}
%typemap(newfree) char *certificate_qr_text "free($1);";
%newobject certificate_qr_text;
/** The content of a certificate's QR code: BASE/?v=1&number=N&name=NAME. */
char *certificate_qr_text(const char *number, const char *holder, const char *base_url = NULL);
/* SC_VERIFY_URL_DEFAULT of render.h (SWIG would take the macro's name for its value);
   the binding tests check that the QR text uses the same address. */
%constant const char *VERIFY_URL_DEFAULT = "http://127.0.0.1:8080";

%extend scw_database {
    /** Draw an issued certificate to a file: PDF, or SVG or PNG by the extension. */
    scw_status certificate_render(const char *number, const char *path,
                                  const char *base_url = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_certificate_render(db, number, path, base_url));
    }
}
