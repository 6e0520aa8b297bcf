/*
 * skillcert_java.i -- the Java part of the libskillcert binding.
 *
 * Included by bindings/swig/skillcert.i (never run on its own); run SWIG
 * with -java -package org.skillcert. Adds:
 *   - camelCase method names (lookupOccupation, loadNotice, getWorkTypes...);
 *   - constants as compile-time ints in Skillcert (via SkillcertConstants):
 *     ActorKind.CITY_BUREAU, Status.EINVAL, Skillcert.REASON_...;
 *   - unchecked exceptions, thrown from a `ret` typemap so that they are
 *     raised after every argument has been released (no JNI leak):
 *       SkillcertException extends RuntimeException
 *           getCode() getMessage() getSource() getLine() getColumn() getField()
 *       NotFoundException       ENOTFOUND
 *       ValidationException     EINVAL, EXML, EINVALIDDOC
 *       DatabaseException       EDB, EVERSION, ENOTREGISTRY, EBUSY
 *       DeniedException         EDENIED
 *       ExistsException         EEXISTS
 *       ConstraintException     ECONSTRAINT
 *     ENOMEM throws OutOfMemoryError; other codes (ERROR, EIO) throw
 *     SkillcertException itself;
 *   - Database and OccupationIterator are AutoCloseable; OccupationIterator
 *     and every other iterator is an Iterable that can be walked again (the
 *     items are read once and kept); Report is Iterable<Diagnostic>;
 *   - Occupation.getWorkTypes(), getOfferings() (List<Offering>), getAliases();
 *   - strings cross as real UTF-8 (not JNI's modified UTF-8), so characters
 *     outside the BMP survive both ways.
 *
 * Loading: the class SkillcertJNI loads the JNI library when first used:
 *   - from the file named by the system property org.skillcert.library
 *     (an absolute path, e.g. -Dorg.skillcert.library=/opt/lib/libskillcert_jni.so);
 *   - otherwise from where `make install` put it, $(libdir)/jni (the path is
 *     baked into the jar as SkillcertLibrary.INSTALLED): no flag is needed;
 *   - otherwise with System.loadLibrary("skillcert_jni"), which searches
 *     java.library.path (installed elsewhere: -Djava.library.path=DIR, or
 *     bindings/java/.libs in the build tree).
 *
 *   try (Database db = new Database("registry.db")) {
 *       db.loadNotice(new Actor(ActorKind.CITY_BUREAU));
 *       try (OccupationIterator it = db.occupations()) {
 *           for (Occupation o : it) System.out.println(o.getCode() + " " + o.getName());
 *       }
 *   }
 */

/* ==== Enums and dates ===================================================
 * Every C enum is a Java enum: ActorKind, Reason, Path, Status, OrgKind,
 * FilingStatus, ... written by bindings/java/gen_enums.py from the
 * headers' `typedef enum` blocks (with their doc comments). SWIG's own
 * proper enums cannot be used: C enum members share one namespace, and
 * SWIG drops a member whose short name another enum already has
 * (FilingStatus.NONE after Reason.NONE). Members drop the C prefix
 * (ActorKind.CITY_CENTRE for SC_ACTOR_CITY_CENTRE); the int constants
 * (Skillcert.ACTOR_CITY_CENTRE) stay. Each enum has
 * value() (the C number), of(int) (null when no member has it), label()
 * ("city-centre", as the CLI and documents write it) and fromName(String)
 * ("city-centre", "city_centre" or "CITY_CENTRE"). Bit sets (EVAL_*,
 * METHOD_*, CONFIRMED_*, EDUCATION_RELATED..., STATS_*) are #defines in C
 * and stay int constants of Skillcert.
 *
 * Dates are java.time.LocalDate both ways: every date parameter takes one
 * (null: the library's default, usually today), every date field or result
 * gives one (null when absent). */
%include "enumsimple.swg"
%javaconst(1);

/* An int of the C interface that holds enum JCLASS: the member in, the
   member out (null in is 0; a value no member has comes out as null). */
%define SCW_JAVA_ENUM(JCLASS, PATTERNS...)
%typemap(jni) PATTERNS "jint"
%typemap(jtype) PATTERNS "int"
%typemap(jstype) PATTERNS "JCLASS"
%typemap(javain) PATTERNS "(($javainput) == null ? 0 : ($javainput).value())"
%typemap(javaout) PATTERNS {
    return JCLASS.of($jnicall);
  }
%enddef

/* By type (parameters whose name is shared by several enums), by name
   (parameter, field or method), or by Class::field. */
SCW_JAVA_ENUM(ActorKind, scw_actor_kind, int scw_actor::kind)
SCW_JAVA_ENUM(Reason, int reason, int eligibility_reason)
SCW_JAVA_ENUM(Path, int path, int path_parse)
SCW_JAVA_ENUM(Status, scw_status_code, int scw_diagnostic::code)
SCW_JAVA_ENUM(ErrorDomain, int domain)
SCW_JAVA_ENUM(Severity, int scw_diagnostic::severity)
SCW_JAVA_ENUM(OrgKind, scw_org_kind, int sc_org::kind, int org_kind_parse)
SCW_JAVA_ENUM(FilingStatus, scw_filing_status, int sc_org::status, int sc_filing::status,
              int sc_filing_step::step)
SCW_JAVA_ENUM(FilingKind, int sc_filing::kind)
SCW_JAVA_ENUM(StaffRole, int role, int staff_role_parse)
SCW_JAVA_ENUM(SigReason, int sc_pki_verification::reason)
SCW_JAVA_ENUM(ApplicationState, int state, int ended_at, int application_state_parse)
SCW_JAVA_ENUM(Component, int component, int component_parse)
SCW_JAVA_ENUM(SessionStatus, scw_session_status, int sc_session::status)
SCW_JAVA_ENUM(ItemType, int type, int item_type_parse)
SCW_JAVA_ENUM(AuditProblem, int problem)
SCW_JAVA_ENUM(AuthzSubject, int subject)
SCW_JAVA_ENUM(Sex, int sex)
SCW_JAVA_ENUM(EducationKind, scw_education_kind, int education_kind, int education_kind_parse)
SCW_JAVA_ENUM(CertKind, scw_cert_kind, int certificate_kind, int cert_kind_parse)
SCW_JAVA_ENUM(EvidenceKind, scw_evidence_kind, int evidence_kind, int evidence_kind_parse)
SCW_JAVA_ENUM(Scope, int scope, int scope_parse)
SCW_JAVA_ENUM(CertStatus, scw_cert_status, int sc_certificate::status)
SCW_JAVA_ENUM(VerifyStatus, scw_verify_status, int sc_verification::status)
SCW_JAVA_ENUM(FindingSeverity, scw_finding_severity, int sc_finding::severity,
              int finding_severity_parse)
SCW_JAVA_ENUM(InspectionKind, scw_inspection_kind, int sc_inspection::kind,
              int inspection_kind_parse)
SCW_JAVA_ENUM(InspectionStatus, int sc_inspection::status)
SCW_JAVA_ENUM(SanctionKind, scw_sanction_kind, int sc_sanction::kind, int sanction_kind_parse)
SCW_JAVA_ENUM(ReportSection, int section)
SCW_JAVA_ENUM(DocType, int doctype, int doctype_from_name, int validate_file,
              int validate_memory)

/* Dates: LocalDate in (as "YYYY-MM-DD"), LocalDate out ("" and NULL: null).
   By name, as the Python binding takes them; every char[SC_DATE_SIZE]
   field of the headers. */
%define SCW_JAVA_DATE(PATTERNS...)
%typemap(jstype) PATTERNS "java.time.LocalDate"
%typemap(javain) PATTERNS "Skillcert.swigToUtf8(Skillcert.swigDateText($javainput))"
%typemap(javaout) PATTERNS {
    return Skillcert.swigDate(Skillcert.swigFromUtf8($jnicall));
  }
%enddef
SCW_JAVA_DATE(char [11],
  const char *date, const char *as_of, const char *effective, const char *withdrawn,
  const char *until, const char *to_date, const char *from_date, const char *date_to,
  const char *date_from, const char *start, const char *end, const char *opens,
  const char *closes, const char *issued, const char *graduated, const char *completed,
  const char *offering_effective, const char *offering_withdrawn, const char *birth_date,
  const char *education_graduated, const char *work_start, const char *work_end,
  const char *certificate_issued, const char *apprenticeship_completed,
  const char *evidence_date, const char *effective_at, const char *saved,
  const char *not_before, const char *not_after)

%rename("%(lowercamelcase)s", %$isfunction) "";
%rename("%(lowercamelcase)s", %$isvariable) "";

%pragma(java) jniclasscode=%{
  /* The JNI library: the file named by -Dorg.skillcert.library; else the one
     `make install` put in $(libdir)/jni (SkillcertLibrary.INSTALLED, baked in
     at build), so that an installed jar needs no flag; else
     libskillcert_jni.so on java.library.path. */
  static {
    String path = System.getProperty("org.skillcert.library");
    if (path != null && !path.isEmpty()) {
      System.load(path);
    } else {
      boolean loaded = false;
      if (new java.io.File(SkillcertLibrary.INSTALLED).isFile()) {
        try {
          System.load(SkillcertLibrary.INSTALLED);
          loaded = true;
        } catch (UnsatisfiedLinkError e) {
          loaded = false;     // e.g. another architecture: try java.library.path
        }
      }
      if (!loaded)
        System.loadLibrary("skillcert_jni");
    }
  }
%}

%pragma(java) moduleclassmodifiers="public final class"
%pragma(java) modulecode=%{
  private Skillcert() {}

  /* Frees the C object of every wrapper that becomes unreachable without
     delete()/close() (java.lang.ref.Cleaner, not finalize()). */
  static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

  /* Strings cross the JNI boundary as NUL-terminated UTF-8 byte arrays.
     Every String argument of every method comes through here: one holding
     a NUL character is refused (the C library would read it only up to the
     NUL and go on with the shorter text). */
  static byte[] swigToUtf8(String s) {
    if (s == null)
      return null;
    int nul = s.indexOf('\0');
    if (nul >= 0)
      throw new IllegalArgumentException("the text holds a NUL character (at " + nul
                                         + "); it is refused, not cut");
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(b, b.length + 1);
  }

  static String swigFromUtf8(byte[] b) {
    return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  /* A date parameter as the C library takes it: "YYYY-MM-DD"; null stays null. */
  static String swigDateText(java.time.LocalDate d) {
    return d == null ? null : d.toString();
  }

  /* A date the C library gives: "YYYY-MM-DD" as a LocalDate; null or "" as null. */
  static java.time.LocalDate swigDate(String s) {
    if (s == null || s.isEmpty())
      return null;
    return java.time.LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
  }

  /** Validate a document file; returns its type (DOC_CATALOG...). */
  public static DocType validateFile(String path) {
    return validateFile(path, null);
  }

  public static DocType validateMemory(byte[] data) {
    return validateMemory(data, null, null);
  }

  /** As validateMemory(byte[], name, report), for a document held as text. */
  public static DocType validateMemory(String data, String name, Report report) {
    return validateMemory(data.getBytes(java.nio.charset.StandardCharsets.UTF_8), name, report);
  }

  public static DocType validateMemory(String data) {
    return validateMemory(data, null, null);
  }
%}

/* ---- Ownership: java.lang.ref.Cleaner instead of finalize() ----------------
 * A wrapper that owns its C object registers a cleaning action that holds
 * the pointer only (never the wrapper): delete() (or close()) runs it at
 * once, the Cleaner once the wrapper is unreachable; it runs once. The
 * action calls the class's static swigDelete, written after delete() by the
 * javadestruct typemap, where SWIG names the class's JNI destructor. */
%typemap(javabody) SWIGTYPE %{
  private transient long swigCPtr;
  protected transient boolean swigCMemOwn;
  private transient long[] swigOwned;
  private transient java.lang.ref.Cleaner.Cleanable swigCleanable;

  protected $javaclassname(long cPtr, boolean cMemoryOwn) {
    swigCMemOwn = cMemoryOwn;
    swigCPtr = cPtr;
    if (cMemoryOwn && cPtr != 0) {
      final long[] owned = { cPtr };
      swigOwned = owned;
      swigCleanable = Skillcert.CLEANER.register(this, () -> {
        long p = owned[0];
        owned[0] = 0;
        if (p != 0)
          swigDelete(p);
      });
    }
  }

  protected static long getCPtr($javaclassname obj) {
    return (obj == null) ? 0 : obj.swigCPtr;
  }

  protected static long swigRelease($javaclassname obj) {
    long ptr = 0;
    if (obj != null) {
      if (!obj.swigCMemOwn)
        throw new RuntimeException("Cannot release ownership as memory is not owned");
      ptr = obj.swigCPtr;
      obj.swigCMemOwn = false;
      if (obj.swigOwned != null)
        obj.swigOwned[0] = 0;
      obj.delete();
    }
    return ptr;
  }
%}

%typemap(javafinalize) SWIGTYPE ""

%typemap(javadestruct, methodname="delete", methodmodifiers="public synchronized") SWIGTYPE %{{
    if (swigCPtr != 0) {
      if (swigCMemOwn) {
        swigCMemOwn = false;
        if (swigCleanable != null)
          swigCleanable.clean();
      }
      swigCPtr = 0;
    }
  }

  /* Frees the C object: once, from delete() or from the Cleaner. */
  private static void swigDelete(long swigCPtr) {
    $jnicall;
  }%}

%{
#define SCW_JAVA_PACKAGE "org/skillcert/"

/* A java.lang.String from UTF-8, decoded by Java (not modified UTF-8). */
static jstring scw_java_string(JNIEnv *jenv, const char *s)
{
    jbyteArray bytes;
    jclass cls;
    jmethodID ctor;
    jstring charset, str = NULL;
    jsize n = (jsize)strlen(s);

    bytes = (*jenv)->NewByteArray(jenv, n);
    if (!bytes) return NULL;
    (*jenv)->SetByteArrayRegion(jenv, bytes, 0, n, (const jbyte *)s);
    cls = (*jenv)->FindClass(jenv, "java/lang/String");
    if (cls) {
        ctor = (*jenv)->GetMethodID(jenv, cls, "<init>", "([BLjava/lang/String;)V");
        charset = (*jenv)->NewStringUTF(jenv, "UTF-8");
        if (ctor && charset)
            str = (jstring)(*jenv)->NewObject(jenv, cls, ctor, bytes, charset);
        if (charset) (*jenv)->DeleteLocalRef(jenv, charset);
        (*jenv)->DeleteLocalRef(jenv, cls);
    }
    (*jenv)->DeleteLocalRef(jenv, bytes);
    return str;
}

/* The bytes of a C string (without its NUL) for Skillcert.swigFromUtf8. */
static jbyteArray scw_java_bytes(JNIEnv *jenv, const char *s, size_t max)
{
    jbyteArray bytes;
    size_t n = 0;

    if (!s) return NULL;
    while (n < max && s[n]) n++;
    bytes = (*jenv)->NewByteArray(jenv, (jsize)n);
    if (bytes) (*jenv)->SetByteArrayRegion(jenv, bytes, 0, (jsize)n, (const jbyte *)s);
    return bytes;
}

static const char *scw_java_class(int code)
{
    switch (code) {
    case SC_ENOTFOUND:
        return SCW_JAVA_PACKAGE "NotFoundException";
    case SC_EINVAL:
    case SC_EXML:
    case SC_EINVALIDDOC:
        return SCW_JAVA_PACKAGE "ValidationException";
    case SC_EDB:
    case SC_EVERSION:
    case SC_ENOTREGISTRY:
    case SC_EBUSY:
        return SCW_JAVA_PACKAGE "DatabaseException";
    case SC_EDENIED:
        return SCW_JAVA_PACKAGE "DeniedException";
    case SC_EEXISTS:
        return SCW_JAVA_PACKAGE "ExistsException";
    case SC_ECONSTRAINT:
    case SC_ESCOPE:
        return SCW_JAVA_PACKAGE "ConstraintException";
    default:
        return SCW_JAVA_PACKAGE "SkillcertException";
    }
}

/* Throw the exception for the failure captured by scw_capture(); called
   by the `ret` typemaps, after every argument has been released. */
static void scw_java_throw(JNIEnv *jenv)
{
    const scw_failure *f = scw_take();
    jclass cls;
    jmethodID ctor;
    jstring message, field, source;
    jobject exc = NULL;

    if (!f) return;
    if ((*jenv)->ExceptionCheck(jenv)) return;   /* one is pending already */
    if (f->code == SC_ENOMEM) {
        cls = (*jenv)->FindClass(jenv, "java/lang/OutOfMemoryError");
        if (cls) {
            (*jenv)->ThrowNew(jenv, cls, "libskillcert: out of memory");
            (*jenv)->DeleteLocalRef(jenv, cls);
        }
        return;
    }
    cls = (*jenv)->FindClass(jenv, scw_java_class(f->code));
    if (!cls) return;
    ctor = (*jenv)->GetMethodID(jenv, cls, "<init>",
        "(ILjava/lang/String;Ljava/lang/String;IILjava/lang/String;)V");
    message = ctor ? scw_java_string(jenv, f->message) : NULL;
    source = message ? scw_java_string(jenv, f->source) : NULL;
    field = source ? scw_java_string(jenv, f->field) : NULL;
    if (field)
        exc = (*jenv)->NewObject(jenv, cls, ctor, (jint)f->code, message, source,
                                 (jint)f->line, (jint)f->column, field);
    if (exc) (*jenv)->Throw(jenv, (jthrowable)exc);
    if (exc) (*jenv)->DeleteLocalRef(jenv, exc);
    if (field) (*jenv)->DeleteLocalRef(jenv, field);
    if (source) (*jenv)->DeleteLocalRef(jenv, source);
    if (message) (*jenv)->DeleteLocalRef(jenv, message);
    (*jenv)->DeleteLocalRef(jenv, cls);
}

/* Raised later, by the `ret` typemaps. */
#define SCW_RAISE() ((void)0)
%}

/* ---- Raising: after `out`, `argout` and `freearg`, before returning ---- */
%typemap(ret) SWIGTYPE, SWIGTYPE *, SWIGTYPE &, SWIGTYPE [], void,
              bool, char, signed char, unsigned char, short, unsigned short,
              int, unsigned int, long, unsigned long, long long, unsigned long long,
              float, double, size_t, char *, const char *, char [ANY], scw_status %{
  scw_java_throw(jenv);
%}

/* ---- Structures returned by value ----
 * SWIG copies them to the heap for the Java object to own; after a failure
 * no Java object is made (the `ret` typemap throws), so nothing is copied. */
%typemap(out, noblock=1) SWIGTYPE {
  if (!scw_pending) {
    $&1_ltype $1ptr = ($&1_ltype)malloc(sizeof($1_ltype));
    if ($1ptr) {
      memmove($1ptr, &$1, sizeof($1_type));
      *($&1_ltype*)&$result = $1ptr;
    } else {
      scw_fail(SC_ENOMEM, "out of memory");
      scw_capture();
    }
  }
}

/* ---- A status is checked, then dropped: the Java method is void ---- */
%typemap(jni) scw_status "void"
%typemap(jtype) scw_status "void"
%typemap(jstype) scw_status "void"
%typemap(out) scw_status "(void)$1;"
%typemap(javaout) scw_status {
    $jnicall;
  }

/* ---- Strings: NUL-terminated UTF-8 bytes both ways ---- */
%typemap(jni) char *, const char *, char [ANY] "jbyteArray"
%typemap(jtype) char *, const char *, char [ANY] "byte[]"
%typemap(jstype) char *, const char *, char [ANY] "String"
%typemap(javain) char *, const char * "Skillcert.swigToUtf8($javainput)"
%typemap(javaout) char *, const char *, char [ANY] {
    return Skillcert.swigFromUtf8($jnicall);
  }
%typemap(in, noblock=1) char *, const char * {
  $1 = NULL;
  if ($input) {
    $1 = ($1_ltype)(*jenv)->GetByteArrayElements(jenv, $input, NULL);
    if (!$1) return $null;
  }
}
%typemap(freearg, noblock=1) char *, const char * {
  if ($1) (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
}
%typemap(out) char *, const char * %{
  $result = scw_java_bytes(jenv, (const char *)$1, (size_t)-1);
%}
%typemap(out) char [ANY] %{
  $result = scw_java_bytes(jenv, (const char *)$1, $1_dim0);
%}

/* ---- Documents in memory: byte[] (a String overload is added below) ---- */
%typemap(jni) (const char *data, size_t len) "jbyteArray"
%typemap(jtype) (const char *data, size_t len) "byte[]"
%typemap(jstype) (const char *data, size_t len) "byte[]"
%typemap(javain) (const char *data, size_t len) "$javainput"
%typemap(in, noblock=1) (const char *data, size_t len) {
  $1 = NULL;
  $2 = 0;
  if ($input) {
    $1 = ($1_ltype)(*jenv)->GetByteArrayElements(jenv, $input, NULL);
    if (!$1) return $null;
    $2 = (size_t)(*jenv)->GetArrayLength(jenv, $input);
  }
}
%typemap(freearg, noblock=1) (const char *data, size_t len) {
  if ($1) (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
}

/* ---- A deleted object is refused before any other argument is touched ---- */
%typemap(in, noblock=1) struct scw_database *self, struct scw_occupation_iter *self,
                        struct scw_diagnostic *self, struct scw_verdict *self,
                        struct scw_import_result *self,
                        scw_occupation *self, scw_actor *self, scw_report *self {
  $1 = *($&1_ltype)&$input;
  if (!$1) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "the object has been deleted");
    return $null;
  }
}

/* ---- Children keep their Database alive ---- */
%typemap(javaout) scw_occupation *, scw_occupation_iter * {
    long cPtr = $jnicall;
    if (cPtr == 0)
      return null;
    $javaclassname child = new $javaclassname(cPtr, $owner);
    child.swigDatabase = swigDatabase();
    return child;
  }

/* ---- Exceptions ---------------------------------------------------------
 * Java-only classes, made from empty structures (no C code is generated). */
%define SCW_JAVA_PLAIN_CLASS(CNAME, JNAME)
%rename(JNAME) CNAME;
%nodefaultctor CNAME;
%nodefaultdtor CNAME;
%typemap(javaclassmodifiers) struct CNAME "public class"
%typemap(javadestruct) struct CNAME ""
%typemap(javafinalize) struct CNAME ""
%enddef

SCW_JAVA_PLAIN_CLASS(scw_java_exception, SkillcertException)
%typemap(javabase) struct scw_java_exception "RuntimeException"
%typemap(javabody) struct scw_java_exception %{
  private static final long serialVersionUID = 1L;
  private final Status code;
  private final String source;
  private final int line;
  private final int column;
  private final String field;

  /** An exception for status {@code code} (the C value of a Status). */
  public SkillcertException(int code, String message) {
    this(code, message, "", 0, 0, "");
  }

  /** An exception for status {@code code}. */
  public SkillcertException(Status code, String message) {
    this(code.value(), message, "", 0, 0, "");
  }

  public SkillcertException(int code, String message, String source, int line, int column,
                            String field) {
    super(message);
    Status status = Status.of(code);
    this.code = status == null ? Status.ERROR : status;
    this.source = source == null ? "" : source;
    this.line = line;
    this.column = column;
    this.field = field == null ? "" : field;
  }

  /** The status, e.g. Status.EINVAL. */
  public Status getCode() { return code; }
  /** File name, "&lt;memory&gt;", or "" when the error has no input. */
  public String getSource() { return source; }
  /** 1-based line in the input; 0 if unknown. */
  public int getLine() { return line; }
  /** 1-based column in the input; 0 if unknown. */
  public int getColumn() { return column; }
  /** The field at fault, e.g. "catalog/occupation/@code"; "" if none. */
  public String getField() { return field; }
%}
struct scw_java_exception {};

%define SCW_JAVA_EXCEPTION(CNAME, JNAME)
SCW_JAVA_PLAIN_CLASS(CNAME, JNAME)
%typemap(javabase) struct CNAME "SkillcertException"
%typemap(javabody) struct CNAME %{
  private static final long serialVersionUID = 1L;

  public $javaclassname(int code, String message) {
    super(code, message);
  }

  public $javaclassname(int code, String message, String source, int line, int column,
                        String field) {
    super(code, message, source, line, column, field);
  }
%}
struct CNAME {};
%enddef

SCW_JAVA_EXCEPTION(scw_java_notfound, NotFoundException)
SCW_JAVA_EXCEPTION(scw_java_validation, ValidationException)
SCW_JAVA_EXCEPTION(scw_java_database, DatabaseException)
SCW_JAVA_EXCEPTION(scw_java_denied, DeniedException)
SCW_JAVA_EXCEPTION(scw_java_exists, ExistsException)
SCW_JAVA_EXCEPTION(scw_java_constraint, ConstraintException)

/* ---- Offering: a plain value ---- */
SCW_JAVA_PLAIN_CLASS(scw_java_offering, Offering)
%typemap(javaclassmodifiers) struct scw_java_offering "public final class"
%typemap(javabody) struct scw_java_offering %{
  private final String workType;
  private final int level;
  private final java.time.LocalDate effective;
  private final java.time.LocalDate withdrawn;

  public Offering(String workType, int level, java.time.LocalDate effective,
                  java.time.LocalDate withdrawn) {
    this.workType = workType;
    this.level = level;
    this.effective = effective;
    this.withdrawn = withdrawn;
  }

  /** The work type (工种/方向), or null when the level is undivided. */
  public String getWorkType() { return workType; }
  /** The level, 1 (highest) to 5. */
  public int getLevel() { return level; }
  /** First day it applies. */
  public java.time.LocalDate getEffective() { return effective; }
  /** First day it no longer applies, or null when in force. */
  public java.time.LocalDate getWithdrawn() { return withdrawn; }

  /** Offerings are equal when work type and level are. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Offering))
      return false;
    Offering o = (Offering)other;
    return level == o.level && java.util.Objects.equals(workType, o.workType);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(workType, level);
  }

  @Override
  public String toString() {
    return "(" + (workType == null ? "undivided" : workType) + ", " + level + ")";
  }
%}
struct scw_java_offering {};

/* ---- Database -------------------------------------------------------------- */
%typemap(javainterfaces) scw_database, struct scw_database "AutoCloseable"
%typemap(javacode) scw_database, struct scw_database %{
  Database swigDatabase() {
    return this;
  }

  /* C has no overloading: SWIG makes one method with every parameter, and
     these give the defaults of the C interface. */

  /** A private in-memory registry. */
  public Database() {
    this(":memory:");
  }

  /** As check(code, workType, level, date) for today. */
  public Verdict check(String code, String workType, int level) {
    return check(code, workType, level, null);
  }

  /** Every occupation, with every offering ever recorded. */
  public OccupationIterator occupations() {
    return occupations(null);
  }

  public ImportResult importFile(Actor actor, String path) {
    return importFile(actor, path, null);
  }

  public ImportResult importMemory(Actor actor, byte[] data) {
    return importMemory(actor, data, null, null);
  }

  /** As importMemory(actor, byte[], name, report), for a document held as text. */
  public ImportResult importMemory(Actor actor, String data, String name, Report report) {
    return importMemory(actor, data.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        name, report);
  }

  public ImportResult importMemory(Actor actor, String data) {
    return importMemory(actor, data, null, null);
  }

  /** Export the catalog (DocType.CATALOG) to a file. */
  public void exportFile(String path) {
    exportFile(path, DocType.CATALOG);
  }

  /** The catalog (DocType.CATALOG) as an XML document. */
  public String exportMemory() {
    return exportMemory(DocType.CATALOG);
  }

  /* -- organizations (skillcert_org.i) -- */

  /** Register with flags 0. */
  public void orgRegister(Actor actor, String creditCode, String name, OrgKind kind,
                          String district, java.time.LocalDate date) {
    orgRegister(actor, creditCode, name, kind, district, date, 0);
  }

  public void orgRecommend(Actor actor, String creditCode, java.time.LocalDate date) {
    orgRecommend(actor, creditCode, date, null);
  }

  /** Evaluate by every method (EVAL_ALL), granting all requested. */
  public void orgEvaluate(Actor actor, String creditCode, java.time.LocalDate date) {
    orgEvaluate(actor, creditCode, null, Skillcert.EVAL_ALL, date, null);
  }

  public void orgEvaluate(Actor actor, String creditCode,
                          java.util.Collection<OfferingItem> granted, int methods,
                          java.time.LocalDate date) {
    orgEvaluate(actor, creditCode, granted, methods, date, null);
  }

  /** Its standing today. */
  public Org orgGet(String creditCode) {
    return orgGet(creditCode, null);
  }

  /** Its scope today. */
  public java.util.List<OfferingItem> orgScope(String creditCode) {
    return orgScope(creditCode, null);
  }

  /** The normal path, without asking about the venue. */
  public Verdict mayCertify(String creditCode, String occupation, String workType, int level,
                            java.time.LocalDate date) {
    return mayCertify(creditCode, occupation, workType, level, date, null,
                      Path.NORMAL);
  }

  public OrgIterator organizations() {
    return organizations(null, null);
  }

  public OrgIterator directory() {
    return directory(null);
  }

  /** The granted scope of a filing. */
  public java.util.List<OfferingItem> filingScope(long filingId) {
    return filingScope(filingId, true);
  }

  /** Everyone ever on its staff. */
  public StaffIterator staff(String creditCode) {
    return staff(creditCode, null);
  }

  public void authzCheck(Actor actor, String name) {
    authzCheck(actor, name, null);
  }

  public AuditIterator auditEntries() {
    return auditEntries(null, null);
  }

  public AuditIterator auditEntries(String entity) {
    return auditEntries(entity, null);
  }

  /* -- eligibility (skillcert_eligibility.i) -- */

  /** The rules in force today. */
  public Ruleset ruleset() {
    return ruleset(null);
  }

  /** As eligibilityCheck(idNumber, occupation, workType, level, PATH_NORMAL, null, null): the
   *  normal path, today. */
  public Decision eligibilityCheck(String idNumber, String occupation, String workType,
                                   int level) {
    return eligibilityCheck(idNumber, occupation, workType, level, Path.NORMAL, null,
                            null);
  }

  @Override
  public String toString() {
    return isClosed() ? "Database(closed)" : "Database(" + path() + ")";
  }
%}

/* ---- Actor -------------------------------------------------------------------- */
%typemap(javacode) scw_actor, struct scw_actor %{
  /** An actor without scope or name (city bureau, city centre, public). */
  public Actor(ActorKind kind) {
    this(kind, null, null);
  }

  public Actor(ActorKind kind, String scope) {
    this(kind, scope, null);
  }

  @Override
  public String toString() {
    return "Actor(" + getLabel() + ")";
  }
%}

/* ---- OccupationIterator ---------------------------------------------------- */
%typemap(javainterfaces) scw_occupation_iter, struct scw_occupation_iter "Iterable<Occupation>, AutoCloseable"
%typemap(javacode) scw_occupation_iter, struct scw_occupation_iter %{
  Database swigDatabase;
  private final java.util.List<Occupation> swigSeen = new java.util.ArrayList<Occupation>();
  private boolean swigDone;

  Database swigDatabase() {
    return swigDatabase;
  }

  /* The next item read from the registry, kept for the next walks; null at the end. */
  private Occupation swigFetch() {
    if (swigDone)
      return null;
    Occupation item = nextOccupation();
    if (item == null) {
      swigDone = true;
      return null;
    }
    swigSeen.add(item);
    return item;
  }

  /** An iterator from the first item. The items are read from the registry
   *  once, as they are reached, and kept: the Iterable can be walked again. */
  @Override
  public java.util.Iterator<Occupation> iterator() {
    return new java.util.Iterator<Occupation>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < swigSeen.size() || swigFetch() != null;
      }

      @Override
      public Occupation next() {
        if (!hasNext())
          throw new java.util.NoSuchElementException();
        return swigSeen.get(next++);
      }
    };
  }
%}

/* ---- Occupation ------------------------------------------------------------ */
%typemap(javacode) scw_occupation, struct scw_occupation %{
  Database swigDatabase;

  /** Work types (工种/方向) in catalog order; empty when it has none. */
  public java.util.List<String> getWorkTypes() {
    int n = (int)workTypeCount();
    java.util.List<String> list = new java.util.ArrayList<String>(n);
    for (int i = 0; i < n; i++)
      list.add(workTypeAt(i));
    return java.util.Collections.unmodifiableList(list);
  }

  /** Every offering (in force or not) in catalog order. */
  public java.util.List<Offering> getOfferings() {
    int n = (int)offeringCount();
    java.util.List<Offering> list = new java.util.ArrayList<Offering>(n);
    for (int i = 0; i < n; i++)
      list.add(new Offering(offeringWorkType(i), offeringLevel(i), offeringEffective(i),
                            offeringWithdrawn(i)));
    return java.util.Collections.unmodifiableList(list);
  }

  /** Other codes of this occupation. */
  public java.util.List<String> getAliases() {
    int n = (int)aliasCount();
    java.util.List<String> list = new java.util.ArrayList<String>(n);
    for (int i = 0; i < n; i++)
      list.add(aliasAt(i));
    return java.util.Collections.unmodifiableList(list);
  }

  @Override
  public String toString() {
    return getCode() + " " + getName();
  }
%}

/* ---- Report and Diagnostic --------------------------------------------------- */
%typemap(javainterfaces) scw_report, struct scw_report "Iterable<Diagnostic>"
%typemap(javacode) scw_report, struct scw_report %{
  /** The number of diagnostics, as an int. */
  public int size() {
    return (int)count();
  }

  @Override
  public java.util.Iterator<Diagnostic> iterator() {
    return new java.util.Iterator<Diagnostic>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public Diagnostic next() {
        if (!hasNext())
          throw new java.util.NoSuchElementException();
        return get(next++);
      }
    };
  }
%}

%typemap(javacode) scw_diagnostic, struct scw_diagnostic %{
  @Override
  public String toString() {
    String where = getSource().isEmpty() ? "<input>" : getSource();
    if (getLine() > 0)
      where += ":" + getLine() + (getColumn() > 0 ? ":" + getColumn() : "");
    return where + ": " + getMessage();
  }
%}

/* ---- Verdict ----------------------------------------------------------------- */
%typemap(javacode) scw_verdict, struct scw_verdict %{
  /** True when certifiable. */
  public boolean isOk() {
    return getOk();
  }

  @Override
  public String toString() {
    return getOk() ? "Verdict(ok)" : "Verdict(no: " + getReason() + ", " + getMessage() + ")";
  }
%}

%typemap(javacode) scw_import_result, struct scw_import_result %{
  @Override
  public String toString() {
    return "ImportResult(doctype=" + getDoctype() + ", records=" + getRecords()
        + ", alreadyImported=" + getAlreadyImported() + ", batchId=" + getBatchId() + ")";
  }
%}

/* ==== The newer modules (bindings/swig/skillcert_org.i, skillcert_eligibility.i) ==== */

/* Flags and bit sets (unsigned int in C) are Java ints. */
%apply int { unsigned int };

/* Unsigned flag constants (0x1u...): SWIG would copy the "u" into Java;
   their values are read from the library instead. */
%javaconst(0) SC_CREDIT_CODE_ALLOW_LEGACY;
%javaconst(0) SC_CREDIT_CODE_STRICT;
%javaconst(0) SC_EVAL_MATERIALS;
%javaconst(0) SC_EVAL_EXPERT;
%javaconst(0) SC_EVAL_ON_SITE;
%javaconst(0) SC_EVAL_ALL;
%javaconst(0) SC_EDUCATION_RELATED;
%javaconst(0) SC_EDUCATION_EVALUATED;
%javaconst(0) SC_EDUCATION_FINAL_YEAR;
%javaconst(0) SC_CONFIRMED_EXCEPTIONAL;
%javaconst(0) SC_CONFIRMED_DIRECT;
%javaconst(0) SC_STATS_OCCUPATION;
%javaconst(0) SC_STATS_LEVEL;
%javaconst(0) SC_STATS_DISTRICT;
%javaconst(0) SC_STATS_ORG;
%javaconst(0) SC_STATS_YEAR;
%javaconst(0) SC_STATS_MONTH;
%javaconst(0) SC_STATS_PUBLISHED_ONLY;
%javaconst(0) SC_SESSION_ONLINE;

/* Every other class also refuses a deleted object. */
%typemap(in, noblock=1) SWIGTYPE *self {
  $1 = *($&1_ltype)&$input;
  if (!$1) {
    SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "the object has been deleted");
    return $null;
  }
}

/* Iterators: Iterable<ITEMCLASS> and AutoCloseable, walkable again (items read once, kept);
   returned by Database, they keep it alive. */
%define SCW_LANG_ITERATOR(WTYPE, ITEMCLASS)
%typemap(javainterfaces) WTYPE, struct WTYPE "Iterable<ITEMCLASS>, AutoCloseable"
%typemap(javacode) WTYPE, struct WTYPE %{
  Database swigDatabase;
  private final java.util.List<ITEMCLASS> swigSeen = new java.util.ArrayList<ITEMCLASS>();
  private boolean swigDone;

  Database swigDatabase() {
    return swigDatabase;
  }

  /* The next item read from the registry, kept for the next walks; null at the end. */
  private ITEMCLASS swigFetch() {
    if (swigDone)
      return null;
    ITEMCLASS item = nextItem();
    if (item == null) {
      swigDone = true;
      return null;
    }
    swigSeen.add(item);
    return item;
  }

  /** An iterator from the first item. The items are read from the registry
   *  once, as they are reached, and kept: the Iterable can be walked again. */
  @Override
  public java.util.Iterator<ITEMCLASS> iterator() {
    return new java.util.Iterator<ITEMCLASS>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < swigSeen.size() || swigFetch() != null;
      }

      @Override
      public ITEMCLASS next() {
        if (!hasNext())
          throw new java.util.NoSuchElementException();
        return swigSeen.get(next++);
      }
    };
  }

  /** Every item as a list (then the C iterator is closed; the Iterable can
   *  still be walked). */
  public java.util.List<ITEMCLASS> toList() {
    java.util.List<ITEMCLASS> list = new java.util.ArrayList<ITEMCLASS>();
    for (ITEMCLASS item : this)
      list.add(item);
    close();
    return list;
  }
%}
%typemap(javaout) WTYPE * {
    long cPtr = $jnicall;
    if (cPtr == 0)
      return null;
    $javaclassname child = new $javaclassname(cPtr, $owner);
    child.swigDatabase = swigDatabase();
    return child;
  }
%enddef

/* Java needs nothing per method: the typemaps below do it. */
%define SCW_LANG_CHILD(METHOD)
%enddef
%define SCW_LANG_TAKES_OFFERINGS(METHOD, PARAM)
%enddef
%define SCW_LANG_RETURNS_SCOPE(METHOD)
%enddef

/* ---- Offering lists: java.util.Collection<OfferingItem> in, List out ----
 * The temporary Offerings is deleted in a finally block. */
%typemap(jstype) const scw_offerings * "java.util.Collection<OfferingItem>"
%typemap(javain,
         pre="    Offerings temp$javainput = Offerings.of($javainput);",
         pgcppname="temp$javainput",
         post="      if (temp$javainput != null) temp$javainput.delete();")
  const scw_offerings * "Offerings.getCPtr(temp$javainput)"

%typemap(jstype) scw_scope * "java.util.List<OfferingItem>"
%typemap(javaout) scw_scope * {
    long cPtr = $jnicall;
    if (cPtr == 0)
      return null;
    Offerings offerings = new Offerings(cPtr, true);
    try {
      return offerings.toList();
    } finally {
      offerings.delete();
    }
  }

SCW_JAVA_PLAIN_CLASS(scw_java_offering_item, OfferingItem)
%typemap(javaclassmodifiers) struct scw_java_offering_item "public final class"
%typemap(javabody) struct scw_java_offering_item %{
  private final String occupation;
  private final String workType;
  private final int level;

  /** An offering: occupation code, work type (null when undivided), level 1-5. */
  public OfferingItem(String occupation, String workType, int level) {
    this.occupation = occupation;
    this.workType = workType;
    this.level = level;
  }

  /** Offerings written as "CODE[/WORK-TYPE]:LEVELS", e.g. "4-02-07-10:5,4". */
  public static java.util.List<OfferingItem> parse(String text) {
    Offerings offerings = new Offerings();
    try {
      offerings.addText(text);
      return offerings.toList();
    } finally {
      offerings.delete();
    }
  }

  public String getOccupation() { return occupation; }
  /** The work type, or null when undivided. */
  public String getWorkType() { return workType; }
  public int getLevel() { return level; }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof OfferingItem))
      return false;
    OfferingItem o = (OfferingItem)other;
    return level == o.level && occupation.equals(o.occupation)
        && java.util.Objects.equals(workType, o.workType);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(occupation, workType, level);
  }

  @Override
  public String toString() {
    return "(" + occupation + ", " + (workType == null ? "undivided" : workType) + ", " + level + ")";
  }
%}
struct scw_java_offering_item {};

%typemap(javacode) scw_offerings %{
  /** A list made from items; null for null. */
  public static Offerings of(java.util.Collection<OfferingItem> items) {
    if (items == null)
      return null;
    Offerings offerings = new Offerings();
    try {
      for (OfferingItem item : items)
        offerings.add(item.getOccupation(), item.getWorkType(), item.getLevel());
    } catch (RuntimeException e) {
      offerings.delete();
      throw e;
    }
    return offerings;
  }

  /** The offerings as an unmodifiable list. */
  public java.util.List<OfferingItem> toList() {
    int n = (int)count();
    java.util.List<OfferingItem> list = new java.util.ArrayList<OfferingItem>(n);
    for (int i = 0; i < n; i++)
      list.add(new OfferingItem(occupationAt(i), workTypeAt(i), levelAt(i)));
    return java.util.Collections.unmodifiableList(list);
  }
%}

/* ---- Decision ---- */
SCW_JAVA_PLAIN_CLASS(scw_java_decision_condition, DecisionCondition)
%typemap(javaclassmodifiers) struct scw_java_decision_condition "public final class"
%typemap(javabody) struct scw_java_decision_condition %{
  private final String id;
  private final String clause;
  private final boolean met;
  private final String message;

  public DecisionCondition(String id, String clause, boolean met, String message) {
    this.id = id;
    this.clause = clause;
    this.met = met;
    this.message = message;
  }

  /** The condition's id, e.g. "L4-a". */
  public String getId() { return id; }
  /** The clause of the standard. */
  public String getClause() { return clause; }
  public boolean isMet() { return met; }
  /** "met: ..." or what is missing. */
  public String getMessage() { return message; }

  @Override
  public String toString() {
    return id + ": " + message;
  }
%}
struct scw_java_decision_condition {};

/* A decision's texts point into the rules it was decided with: it keeps
   its Ruleset reachable for as long as it lives. */
%typemap(javaout) scw_decision *decide {
    long cPtr = $jnicall;
    if (cPtr == 0)
      return null;
    Decision decision = new Decision(cPtr, $owner);
    decision.swigRuleset = this;
    return decision;
  }

%typemap(javacode) scw_decision %{
  Ruleset swigRuleset;

  /** Every condition looked at. */
  public java.util.List<DecisionCondition> getConditions() {
    int n = (int)conditionCount();
    java.util.List<DecisionCondition> list = new java.util.ArrayList<DecisionCondition>(n);
    for (int i = 0; i < n; i++)
      list.add(new DecisionCondition(conditionId(i), conditionClause(i), conditionMet(i),
                                     conditionMessage(i)));
    return java.util.Collections.unmodifiableList(list);
  }

  /** The explanation of one condition ("L4-a"); null when it was not looked at. */
  public String messageFor(String conditionId) {
    int n = (int)conditionCount();
    for (int i = 0; i < n; i++)
      if (conditionId(i).equals(conditionId))
        return conditionMessage(i);
    return null;
  }

  @Override
  public String toString() {
    return "Decision(" + message() + ")";
  }
%}

%typemap(javacode) sc_audit_result, struct sc_audit_result %{
  /** True when the chain is whole. */
  public boolean isOk() {
    return getOk() != 0;
  }

  @Override
  public String toString() {
    return isOk() ? "AuditResult(intact, " + getEntries() + " entries)"
                  : "AuditResult(" + Skillcert.auditProblemName(getProblem()) + " at "
                    + getFirstBadSeq() + ": " + getMessage() + ")";
  }
%}

%typemap(javacode) sc_credit_code_result, struct sc_credit_code_result %{
  public boolean isValid() {
    return getValid() != 0;
  }
%}

%typemap(javacode) sc_org, struct sc_org %{
  @Override
  public String toString() {
    return getCreditCode() + " " + getName() + " " + Skillcert.filingStatusName(getStatus());
  }
%}

/* Defaults of the C interface (SWIG makes one Java method per C signature). */
%typemap(javacode) scw_ruleset %{
  public Decision decide(Candidate candidate, String occupation, String workType, int level) {
    return decide(candidate, occupation, workType, level, Path.NORMAL, 0, null);
  }

  public Decision decide(Candidate candidate, String occupation, String workType, int level,
                         java.time.LocalDate asOf) {
    return decide(candidate, occupation, workType, level, Path.NORMAL, 0, asOf);
  }
%}

%typemap(javacode) scw_candidate %{
  /** Work still going on. */
  public void addWork(String occupation, java.time.LocalDate start) {
    addWork(occupation, start, null);
  }

  public void addCertificate(CertKind kind, String occupation, String workType, int level,
                             java.time.LocalDate issued) {
    addCertificate(kind, occupation, workType, level, issued, null);
  }

  public void addEducation(EducationKind kind, String major, int flags) {
    addEducation(kind, major, flags, null);
  }

  public void addEvidence(EvidenceKind kind, String occupation, int grade,
                          java.time.LocalDate date) {
    addEvidence(kind, occupation, grade, date, null);
  }

  @Override
  public String toString() {
    return "Candidate(" + idNumber() + " " + name() + ")";
  }
%}
