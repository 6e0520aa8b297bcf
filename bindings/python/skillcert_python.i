/*
 * skillcert_python.i -- the Python part of the libskillcert binding.
 *
 * Included by bindings/swig/skillcert.i (never run on its own). Adds:
 *   - the exception classes, made in %init with PyErr_NewException:
 *       skillcert.Error                    base; carries .code .message .source
 *                                          .line .column .field .domain .cause
 *       NotFoundError(Error, LookupError)       NOTFOUND
 *       ValidationError(Error, ValueError)      EINVAL, EXML, EINVALIDDOC
 *       DatabaseError(Error)                    EDB, EVERSION, ENOTREGISTRY, EBUSY
 *       DeniedError(Error, PermissionError)     EDENIED
 *       ExistsError(Error)                      EEXISTS
 *       ConstraintError(Error)                  ECONSTRAINT
 *     ENOMEM raises MemoryError; other codes (ERROR, EIO) raise Error itself.
 *   - iteration (__iter__/__next__) and context managers (__enter__/__exit__)
 *     for Database and OccupationIterator; len()/[] for Report;
 *   - lists on Occupation: work_types, offerings (Offering(work_type, level)
 *     named tuples, work_type None when undivided), aliases;
 *   - keyword arguments and docstrings.
 *
 *   >>> import skillcert
 *   >>> bureau = skillcert.Actor(skillcert.ACTOR_CITY_BUREAU)
 *   >>> with skillcert.Database("registry.db") as db:
 *   ...     db.load_notice(bureau)
 *   ...     for occupation in db.occupations():
 *   ...         print(occupation.code, occupation.name)
 */

%feature("kwargs");
%feature("autodoc", "0");

%{
static PyObject *scw_py_error;
static PyObject *scw_py_notfound;
static PyObject *scw_py_validation;
static PyObject *scw_py_database;
static PyObject *scw_py_denied;
static PyObject *scw_py_exists;
static PyObject *scw_py_constraint;

static PyObject *scw_python_class(int code)
{
    switch (code) {
    case SC_ENOTFOUND:
        return scw_py_notfound;
    case SC_EINVAL:
    case SC_EXML:
    case SC_EINVALIDDOC:
        return scw_py_validation;
    case SC_EDB:
    case SC_EVERSION:
    case SC_ENOTREGISTRY:
    case SC_EBUSY:
        return scw_py_database;
    case SC_EDENIED:
        return scw_py_denied;
    case SC_EEXISTS:
        return scw_py_exists;
    case SC_ECONSTRAINT:
    case SC_ESCOPE:
        return scw_py_constraint;
    default:
        return scw_py_error;
    }
}

static PyObject *scw_python_text(const char *s)
{
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static int scw_python_set_int(PyObject *o, const char *attr, int i)
{
    PyObject *v = PyLong_FromLong(i);
    int rc;

    if (!v) return -1;
    rc = PyObject_SetAttrString(o, attr, v);
    Py_DECREF(v);
    return rc;
}

/* Raise the exception for the failure captured by scw_capture(). The
   strings are made first: str objects are not tracked by the cyclic GC, so
   no collection (and no destructor) can run before the copy is read. */
static void scw_python_raise(void)
{
    const scw_failure *f = scw_take();
    PyObject *cls, *msg, *source, *field, *exc = NULL;

    if (!f) {
        PyErr_SetString(PyExc_SystemError, "libskillcert: no error to raise");
        return;
    }
    if (f->code == SC_ENOMEM) {
        PyErr_SetString(PyExc_MemoryError, f->message);
        return;
    }
    cls = scw_python_class(f->code);
    msg = scw_python_text(f->message);
    source = scw_python_text(f->source);
    field = scw_python_text(f->field);
    if (msg && source && field)
        exc = PyObject_CallFunctionObjArgs(cls, msg, NULL);
    if (exc
        && (scw_python_set_int(exc, "code", f->code) < 0
            || PyObject_SetAttrString(exc, "message", msg) < 0
            || PyObject_SetAttrString(exc, "source", source) < 0
            || scw_python_set_int(exc, "line", f->line) < 0
            || scw_python_set_int(exc, "column", f->column) < 0
            || PyObject_SetAttrString(exc, "field", field) < 0
            || scw_python_set_int(exc, "domain", f->domain) < 0
            || scw_python_set_int(exc, "cause", f->cause) < 0)) {
        Py_CLEAR(exc);
    }
    if (exc)
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_XDECREF(exc);
    Py_XDECREF(msg);
    Py_XDECREF(source);
    Py_XDECREF(field);
}

#define SCW_RAISE() do { scw_python_raise(); SWIG_fail; } while (0)

/* ---- Text arguments: the one conversion --------------------------------
 * Every `const char *` argument of every method, and every item of a list
 * of strings, comes through scw_py_text(): None is NULL, a str is its UTF-8,
 * anything else is a TypeError, and a str holding a NUL character is a
 * ValueError -- the C library would read it only up to the NUL and go on
 * with the shorter text ("ab\0cd" stored as "ab"). With `dates`, a
 * datetime.date (or datetime) is also taken, as "YYYY-MM-DD"; *keep then
 * holds the str made for it, released by the caller after the call. */
static PyObject *scw_py_date_class;

static PyObject *scw_py_date_text(PyObject *o)
{
    PyObject *y = PyObject_GetAttrString(o, "year");
    PyObject *m = y ? PyObject_GetAttrString(o, "month") : NULL;
    PyObject *d = m ? PyObject_GetAttrString(o, "day") : NULL;
    PyObject *out = NULL;
    char buf[32];

    if (d) {
        PyOS_snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", PyLong_AsLong(y), PyLong_AsLong(m),
                      PyLong_AsLong(d));
        if (!PyErr_Occurred()) out = PyUnicode_FromString(buf);
    }
    Py_XDECREF(y);
    Py_XDECREF(m);
    Py_XDECREF(d);
    return out;
}

static int scw_py_text(PyObject *o, const char **out, PyObject **keep, int dates,
                       const char *what)
{
    Py_ssize_t n = 0;
    const char *s;

    *out = NULL;
    if (keep) *keep = NULL;
    if (o == Py_None) return 0;
    if (dates && keep && !PyUnicode_Check(o)) {
        int is_date;
        if (!scw_py_date_class) {
            PyObject *mod = PyImport_ImportModule("datetime");
            if (!mod) return -1;
            scw_py_date_class = PyObject_GetAttrString(mod, "date");
            Py_DECREF(mod);
            if (!scw_py_date_class) return -1;
        }
        is_date = PyObject_IsInstance(o, scw_py_date_class);
        if (is_date < 0) return -1;
        if (is_date) {
            if (!(*keep = scw_py_date_text(o))) return -1;
            *out = PyUnicode_AsUTF8(*keep);
            return *out ? 0 : -1;
        }
    }
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s: expected %s, not %.100s", what,
                     dates ? "str, datetime.date or None" : "str or None",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    s = PyUnicode_AsUTF8AndSize(o, &n);
    if (!s) return -1;
    if (strlen(s) != (size_t)n) {
        PyErr_Format(PyExc_ValueError,
                     "%s: the text holds a NUL character (at %zd); it is refused, not cut",
                     what, (Py_ssize_t)strlen(s));
        return -1;
    }
    *out = s;
    return 0;
}

/* ---- Texts and dates out: None when absent --------------------------------
 * One rule for "absent": a text the library gives as "" or NULL is None. A
 * date ("YYYY-MM-DD": every char[SC_DATE_SIZE] field, and the methods and
 * fields named in the SCW_DATE lists below) is a datetime.date. */
static PyObject *scw_py_date_value(const char *s, size_t max)
{
    size_t n = 0;
    int ok = 1, i;

    if (!s) Py_RETURN_NONE;
    while (n < max && s[n]) n++;
    if (n == 0) Py_RETURN_NONE;
    if (n < 10) ok = 0;
    for (i = 0; ok && i < 10; i++)
        ok = (i == 4 || i == 7) ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9');
    if (ok && !scw_py_date_class) {
        PyObject *mod = PyImport_ImportModule("datetime");
        if (!mod) return NULL;
        scw_py_date_class = PyObject_GetAttrString(mod, "date");
        Py_DECREF(mod);
        if (!scw_py_date_class) return NULL;
    }
    if (!ok)   /* not a date after all: the text as it is */
        return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
    return PyObject_CallFunction(scw_py_date_class, "iii",
                                 (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10
                                 + (s[3] - '0'),
                                 (s[5] - '0') * 10 + (s[6] - '0'),
                                 (s[8] - '0') * 10 + (s[9] - '0'));
}

static PyObject *scw_py_text_value(const char *s, size_t max)
{
    size_t n = 0;

    if (!s) Py_RETURN_NONE;
    while (n < max && s[n]) n++;
    if (n == 0) Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
}

/* ---- Kinds, statuses, reasons: Python enums ----------------------------
 * An `int` parameter that names a kind (kind, path, status, doctype ...)
 * takes the enum member, the number, or the member's name as a str
 * ("city-centre", "CITY_CENTRE"); a getter of such a field returns the
 * member. The names and classes live in Python (skillcert._enum_in and
 * skillcert._enum_out, registered by _set_enum_hooks at import): the C side
 * only hands over the wrapper's name and the parameter's. */
static PyObject *scw_py_enum_in_hook;
static PyObject *scw_py_enum_out_hook;

static int scw_py_enum_arg(PyObject *o, int *out, const char *sym, const char *arg)
{
    long v;

    if (PyUnicode_Check(o) && scw_py_enum_in_hook) {
        PyObject *r = PyObject_CallFunction(scw_py_enum_in_hook, "ssO", sym, arg, o);
        if (!r) return -1;
        v = PyLong_AsLong(r);
        Py_DECREF(r);
    } else if (PyLong_Check(o)) {
        v = PyLong_AsLong(o);
    } else {
        PyErr_Format(PyExc_TypeError, "%s: expected an int, an enum member or its name, not %.100s",
                     arg, Py_TYPE(o)->tp_name);
        return -1;
    }
    if (v == -1 && PyErr_Occurred()) return -1;
    if (v < INT_MIN || v > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s: %ld is out of range", arg, v);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static PyObject *scw_py_enum_result(const char *sym, int value)
{
    if (!scw_py_enum_out_hook) return PyLong_FromLong(value);
    return PyObject_CallFunction(scw_py_enum_out_hook, "si", sym, value);
}

static PyObject *scw_py_set_enum_hooks(PyObject *self, PyObject *args)
{
    PyObject *in, *out;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO:_set_enum_hooks", &in, &out)) return NULL;
    Py_XINCREF(in);
    Py_XINCREF(out);
    Py_XSETREF(scw_py_enum_in_hook, in);
    Py_XSETREF(scw_py_enum_out_hook, out);
    Py_RETURN_NONE;
}

/* Make skillcert.<name>, put it in the module dictionary, keep a reference. */
static PyObject *scw_python_new_exception(PyObject *dict, const char *name, const char *doc,
                                          PyObject *base1, PyObject *base2)
{
    char qualified[64];
    PyObject *bases, *attrs, *cls = NULL;

    PyOS_snprintf(qualified, sizeof qualified, "skillcert.%s", name);
    bases = base2 ? PyTuple_Pack(2, base1, base2) : PyTuple_Pack(1, base1);
    attrs = Py_BuildValue("{s:i,s:s,s:s,s:i,s:i,s:s,s:i,s:i}",
                          "code", (int)SC_ERROR, "message", "", "source", "",
                          "line", 0, "column", 0, "field", "", "domain", 0, "cause", 0);
    if (bases && attrs)
        cls = PyErr_NewExceptionWithDoc(qualified, doc, bases, attrs);
    Py_XDECREF(bases);
    Py_XDECREF(attrs);
    if (cls && PyDict_SetItemString(dict, name, cls) < 0) {
        Py_DECREF(cls);
        cls = NULL;
    }
    return cls;
}

static int scw_python_init_exceptions(PyObject *dict)
{
    scw_py_error = scw_python_new_exception(dict, "Error",
        "A libskillcert call failed. Attributes: code (a status code such as\n"
        "skillcert.EINVAL), message, source, line, column (1-based, 0 if unknown),\n"
        "field, domain, cause.", PyExc_Exception, NULL);
    if (!scw_py_error) return -1;
    scw_py_notfound = scw_python_new_exception(dict, "NotFoundError",
        "The named entity does not exist (ENOTFOUND).", scw_py_error, PyExc_LookupError);
    scw_py_validation = scw_python_new_exception(dict, "ValidationError",
        "Malformed argument or document (EINVAL, EXML, EINVALIDDOC); see line,\n"
        "column and field.", scw_py_error, PyExc_ValueError);
    scw_py_database = scw_python_new_exception(dict, "DatabaseError",
        "The registry failed or is unusable (EDB, EVERSION, ENOTREGISTRY, EBUSY).",
        scw_py_error, NULL);
    scw_py_denied = scw_python_new_exception(dict, "DeniedError",
        "The actor may not do this (EDENIED).", scw_py_error, PyExc_PermissionError);
    scw_py_exists = scw_python_new_exception(dict, "ExistsError",
        "The entity already exists (EEXISTS).", scw_py_error, NULL);
    scw_py_constraint = scw_python_new_exception(dict, "ConstraintError",
        "A domain rule forbids the change (ECONSTRAINT).", scw_py_error, NULL);
    if (!scw_py_notfound || !scw_py_validation || !scw_py_database || !scw_py_denied
        || !scw_py_exists || !scw_py_constraint)
        return -1;
    return 0;
}
%}

%init %{
    if (scw_python_init_exceptions(d) < 0)
        return NULL;
%}

%native(_set_enum_hooks) PyObject *scw_py_set_enum_hooks(PyObject *self, PyObject *args);

/* Type names in docstrings. */
%typemap(doctype) scw_status "None";
%typemap(doctype) char *, const char * "str";
%typemap(doctype) size_t "int";

/* Every text argument (see scw_py_text). The typecheck is SWIG's own. */
%typemap(in) const char *, char * {
  if (scw_py_text($input, (const char **)&$1, NULL, 0, "argument $argnum ($1_name)") < 0)
    SWIG_fail;
}
%typemap(freearg) const char *, char * "";

/* Dates: also a datetime.date. */
%typemap(in) const char *SCW_DATE (PyObject *keep = NULL) {
  if (scw_py_text($input, (const char **)&$1, &keep, 1, "argument $argnum ($1_name)") < 0)
    SWIG_fail;
}
%typemap(freearg) const char *SCW_DATE {
  Py_XDECREF(keep$argnum);
}
%typemap(doctype) const char *SCW_DATE "datetime.date or str";
%typemap(out) const char *SCW_DATE {
  $result = scw_py_date_value($1, (size_t)-1);
  if (!$result) SWIG_fail;
}

/* Texts out: "" and NULL are None. */
%typemap(out) const char *, char * {
  $result = scw_py_text_value($1, (size_t)-1);
  if (!$result) SWIG_fail;
}
%typemap(out) char [ANY] {
  $result = scw_py_text_value($1, $1_dim0);
  if (!$result) SWIG_fail;
}
%typemap(doctype) char [ANY] "str or None";

/* Dates out (besides the names of the list below): datetime.date or None. */
%typemap(out) char [11] {
  $result = scw_py_date_value($1, $1_dim0);
  if (!$result) SWIG_fail;
}
%typemap(doctype) char [11] "datetime.date or None";
%typemap(out) const char *SCW_DATE_OUT {
  $result = scw_py_date_value($1, (size_t)-1);
  if (!$result) SWIG_fail;
}
%typemap(doctype) const char *SCW_DATE_OUT "datetime.date or None";
%apply const char *SCW_DATE_OUT {
  const char *offering_effective, const char *offering_withdrawn, const char *birth_date,
  const char *education_graduated, const char *work_start, const char *work_end,
  const char *certificate_issued, const char *apprenticeship_completed,
  const char *evidence_date, const char *effective_at, const char *saved
};
%apply const char *SCW_DATE {
  const char *date, const char *as_of, const char *effective, const char *withdrawn,
  const char *until, const char *to_date, const char *from_date, const char *date_to,
  const char *date_from, const char *start, const char *end, const char *opens,
  const char *closes, const char *issued, const char *graduated, const char *completed,
  const char *checked, const char *not_before, const char *not_after, const char *at
};

/* Enum parameters and fields (see scw_py_enum_arg). */
%typemap(in) int SCW_ENUM {
  if (scw_py_enum_arg($input, &$1, "$symname", "$1_name") < 0) SWIG_fail;
}
%typemap(out) int SCW_ENUM {
  $result = scw_py_enum_result("$symname", $1);
  if (!$result) SWIG_fail;
}
%typemap(doctype) int SCW_ENUM "enum member, int or name";
%apply int SCW_ENUM {
  int kind, int path, int component, int doctype, int status, int role, int severity,
  int section, int type, int state, int scope, int problem, int reason, int methods,
  int method, int confirmed, int sex, int domain, int subject, int ended_at,
  int eligibility_reason, int step
};

/* Scores: None for a component not taken (SCORE_NONE, -1.0, in C), both
   ways; any number otherwise. */
%typemap(in) double SCW_SCORE {
  if ($input == Py_None) {
    $1 = -1.0;
  } else {
    $1 = PyFloat_AsDouble($input);
    if ($1 == -1.0 && PyErr_Occurred()) SWIG_fail;
  }
}
%typemap(out) double SCW_SCORE {
  $result = $1 < 0 ? SWIG_Py_Void() : PyFloat_FromDouble($1);
}
%typemap(doctype) double SCW_SCORE "float or None";
%apply double SCW_SCORE { double theory, double practical, double review };

/* Flags read as bool. */
%typemap(out) int passed, int carried, int already_imported, int ok, int valid, int legacy,
              int legacy_code, int open, int odd, int inspection_passed, int revoked,
              int published "$result = PyBool_FromLong($1);";

/* A status is None once checked: failures have raised already. */
%typemap(out) scw_status "(void)$1; $result = SWIG_Py_Void();";

/* Documents in memory: bytes, or str (sent as UTF-8). */
%typemap(in) (const char *data, size_t len) (char *buf = NULL, Py_ssize_t size = 0) {
    if (PyBytes_Check($input)) {
        if (PyBytes_AsStringAndSize($input, &buf, &size) < 0) SWIG_fail;
    } else if (PyUnicode_Check($input)) {
        buf = (char *)PyUnicode_AsUTF8AndSize($input, &size);
        if (!buf) SWIG_fail;
    } else {
        PyErr_SetString(PyExc_TypeError, "expected bytes or str");
        SWIG_fail;
    }
    $1 = buf;
    $2 = (size_t)size;
}
%typemap(typecheck) (const char *data, size_t len) {
    $1 = PyBytes_Check($input) || PyUnicode_Check($input);
}

%pythoncode %{
import collections as _collections

Error = _skillcert.Error
NotFoundError = _skillcert.NotFoundError
ValidationError = _skillcert.ValidationError
DatabaseError = _skillcert.DatabaseError
DeniedError = _skillcert.DeniedError
ExistsError = _skillcert.ExistsError
ConstraintError = _skillcert.ConstraintError

Offering = _collections.namedtuple("Offering", ["work_type", "level"])
Offering.__doc__ = """An offering of an occupation: (work type or None when undivided, level 1-5)."""
%}

/* ---- Database ---------------------------------------------------------- */
%feature("docstring") scw_database "
Database(path=':memory:') -- an open registry (SQLite).

Created and migrated as needed. Use as a context manager, or call close();
occupations and iterators obtained from it stay usable after it closes.
";

%pythonappend scw_database::lookup_occupation %{
    val._db = self
%}
%pythonappend scw_database::occupations %{
    val._db = self
%}

%extend scw_database {
%pythoncode %{
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
        return False

    def __repr__(self):
        if self.is_closed():
            return "<skillcert.Database (closed)>"
        return "<skillcert.Database %r>" % (self.path(),)
%}
}

/* ---- OccupationIterator ------------------------------------------------ */
%feature("docstring") scw_occupation_iter "
Iterator over occupations in code order, from Database.occupations(date=None).

One pass. Ends early with close() or a with block.
";

%pythonappend scw_occupation_iter::next_occupation %{
    if val is not None:
        val._db = getattr(self, "_db", None)
%}

%extend scw_occupation_iter {
%pythoncode %{
    def __iter__(self):
        return self

    def __next__(self):
        occupation = self.next_occupation()
        if occupation is None:
            raise StopIteration
        return occupation

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
        return False
%}
}

/* ---- Occupation -------------------------------------------------------- */
%feature("docstring") scw_occupation "
One occupation of the catalog: code, name, effective, withdrawn (None when in
force), work_types, offerings and aliases.
";

%extend scw_occupation {
%pythoncode %{
    @property
    def work_types(self):
        """Work types (工种/方向) in catalog order; [] when it has none."""
        return [self.work_type_at(i) for i in range(self.work_type_count())]

    @property
    def offerings(self):
        """Offerings as Offering(work_type, level); work_type is None when undivided."""
        return [Offering(self.offering_work_type(i), self.offering_level(i))
                for i in range(self.offering_count())]

    @property
    def aliases(self):
        """Other codes of this occupation."""
        return [self.alias_at(i) for i in range(self.alias_count())]

    def __repr__(self):
        return "<skillcert.Occupation %s %s>" % (self.code, self.name)
%}
}

/* ---- Actor -------------------------------------------------------------- */
%feature("docstring") scw_actor "
Actor(kind, scope=None, name=None) -- who is calling.

kind is an ACTOR_* constant; scope is the district code (ACTOR_DISTRICT), the
unified social credit code (ACTOR_ORGANIZATION) or the resident ID number
(ACTOR_CANDIDATE), and None for the other kinds.
";

%extend scw_actor {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Actor %s>" % (self.label,)
%}
}

/* ---- Report and Diagnostic ------------------------------------------------ */
%feature("docstring") scw_report "
Report() -- collects the diagnostics of a validation or an import.

len(report), report[i] and iteration give Diagnostic objects.
";

%extend scw_report {
%pythoncode %{
    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        n = self.count()
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("report index out of range")
        return self.get(index)

    def __iter__(self):
        for i in range(self.count()):
            yield self.get(i)

    def __repr__(self):
        return "<skillcert.Report %d diagnostic(s)>" % (self.count(),)
%}
}

%extend scw_diagnostic {
%pythoncode %{
    def __str__(self):
        where = self.source or "<input>"
        if self.line:
            where += ":%d" % self.line
            if self.column:
                where += ":%d" % self.column
        return "%s: %s" % (where, self.message)

    def __repr__(self):
        return "<skillcert.Diagnostic %s>" % (str(self),)
%}
}

/* ---- Verdict and ImportResult ----------------------------------------------- */
%extend scw_verdict {
%pythoncode %{
    def __bool__(self):
        return bool(self.ok)

    def __repr__(self):
        if self.ok:
            return "<skillcert.Verdict ok>"
        return "<skillcert.Verdict no: reason %d, %s>" % (self.reason, self.message)
%}
}

%extend scw_import_result {
%pythoncode %{
    def __repr__(self):
        return ("<skillcert.ImportResult doctype=%d records=%d already_imported=%s batch_id=%r>"
                % (self.doctype, self.records, self.already_imported, self.batch_id))
%}
}

/* ==== The newer modules (bindings/swig/skillcert_org.i, skillcert_eligibility.i) ==== */

/* Iterators: one pass, closable, usable in a with block. */
%define SCW_LANG_ITERATOR(WTYPE, ITEMCLASS)
%extend WTYPE {
%pythoncode %{
    def __iter__(self):
        return self

    def __next__(self):
        item = self.next_item()
        if item is None:
            raise StopIteration
        return item

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
        return False
%}
}
%enddef

/* The result keeps its Database alive. */
%define SCW_LANG_CHILD(METHOD)
%pythonappend METHOD %{
    val._db = self
%}
%enddef

/* PARAM accepts a list of OfferingItem tuples or "CODE[/WT]:LEVELS" strings. */
%define SCW_LANG_TAKES_OFFERINGS(METHOD, PARAM)
%pythonprepend METHOD %{
    PARAM = _as_offerings(PARAM)
%}
%enddef

/* The Offerings returned become a list of OfferingItem. */
%define SCW_LANG_RETURNS_SCOPE(METHOD)
%pythonappend METHOD %{
    val = val.to_list()
%}
%enddef

%pythoncode %{
OfferingItem = _collections.namedtuple("OfferingItem", ["occupation", "work_type", "level"])
OfferingItem.__doc__ = """One offering of a scope or qualification: (occupation code, work type or
None when undivided, level 1-5)."""

DecisionCondition = _collections.namedtuple("DecisionCondition", ["id", "clause", "met", "message"])
DecisionCondition.__doc__ = """One condition a Decision looked at: its id ("L4-a"), the clause cited,
whether it is met, and the explanation ("met: ..." or what is missing)."""


def _as_offerings(items):
    """None, an Offerings, or an iterable of OfferingItem / (occupation,
    work_type, level) tuples and "CODE[/WORK-TYPE]:LEVELS" strings."""
    if items is None or isinstance(items, Offerings):
        return items
    if isinstance(items, str):
        items = [items]
    offerings = Offerings()
    for item in items:
        if isinstance(item, str):
            offerings.add_text(item)
        else:
            occupation, work_type, level = item
            offerings.add(occupation, work_type, level)
    return offerings
%}

%extend scw_offerings {
%pythoncode %{
    def to_list(self):
        """The offerings as a list of OfferingItem."""
        return [OfferingItem(self.occupation_at(i), self.work_type_at(i), self.level_at(i))
                for i in range(self.count())]

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self.to_list())

    def __repr__(self):
        return "<skillcert.Offerings %r>" % (self.to_list(),)
%}
}

%extend sc_audit_result {
%pythoncode %{
    def __bool__(self):
        return bool(self.ok)

    def __repr__(self):
        if self.ok:
            return "<skillcert.AuditResult intact, %d entries>" % (self.entries,)
        return "<skillcert.AuditResult %s at %d: %s>" % (
            audit_problem_name(self.problem), self.first_bad_seq, self.message)
%}
}

%extend sc_credit_code_result {
%pythoncode %{
    def __bool__(self):
        return bool(self.valid)
%}
}

%extend sc_org {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Org %s %s %s>" % (self.credit_code, self.name,
                                              filing_status_name(self.status))
%}
}

%extend sc_district {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.District %s %s>" % (self.code, self.name)
%}
}

/* A decision's texts point into the rules it was decided with: it keeps
   its Ruleset alive (db.ruleset(d).decide(...).matched() is safe). */
%pythonappend scw_ruleset::decide %{
    if val is not None:
        val._ruleset = self
%}

%extend scw_decision {
%pythoncode %{
    def __bool__(self):
        return self.eligible()

    @property
    def conditions(self):
        """Every condition looked at, as DecisionCondition tuples."""
        return [DecisionCondition(self.condition_id(i), self.condition_clause(i),
                                  self.condition_met(i), self.condition_message(i))
                for i in range(self.condition_count())]

    def message_for(self, condition_id):
        """The explanation of condition condition_id ("L4-a"); KeyError if absent."""
        for i in range(self.condition_count()):
            if self.condition_id(i) == condition_id:
                return self.condition_message(i)
        raise KeyError(condition_id)

    def __repr__(self):
        return "<skillcert.Decision %s>" % (self.message(),)
%}
}

%extend scw_candidate {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Candidate %s %s>" % (self.id_number(), self.name())
%}
}
