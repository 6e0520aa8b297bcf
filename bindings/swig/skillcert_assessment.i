/*
 * skillcert_assessment.i -- assessment (assessment.h): component rules,
 * venues, sessions with their staff and candidates, the question bank (题库),
 * blueprints and papers (组卷), objective scoring, results and resits.
 * Included by bindings/swig/skillcert.i before Database is declared; same
 * error path and ownership rules.
 *
 * Value classes (read-only copies owned by the wrapper; fixed char arrays
 * read as strings): ComponentRule, Venue, Session, SessionStaff, Enrolment,
 * Paper, PaperItem, Result.
 *
 * Classes made from handles:
 *     Item         one version of a question bank item (sc_item)
 *     Blueprint    how to assemble a paper (sc_blueprint)
 *
 * Iterators (one pass; next_item() gives a copy or None/null at the end;
 * close() ends early): SessionIterator, SessionStaffIterator,
 * EnrolmentIterator, PaperItemIterator, ResultIterator (each over its own
 * C iterator type), BankIterator (gives Item objects).
 *
 * Database methods (snake_case here; camelCase in Java):
 *     component_rule_get, component_rule_set,
 *     venue_register, venue_inspect, venue_get,
 *     session_create, session_staff_add, session_staff_remove, session_enrol,
 *     session_check, session_confirm, session_get, sessions, session_staff,
 *     enrolments,
 *     bank_item_save, bank_item_get, bank_exposure, bank_items,
 *     paper_assemble, paper_get, paper_items, paper_score,
 *     result_record, result_get, results
 *
 * Scores: SCORE_NONE (-1.0) marks a component not taken or carried over.
 * Answer sheets (paper_score) are a list of str (Python: None for
 * unanswered) or a String[] (Java: null for unanswered).
 */

%{
typedef sc_item scw_item;
typedef sc_blueprint scw_blueprint;

SCW_ITER_STRUCT(scw_session_iter, sc_session_iter)
SCW_ITER_STRUCT(scw_session_staff_iter, sc_session_staff_iter)
SCW_ITER_STRUCT(scw_enrolment_iter, sc_enrolment_iter)
SCW_ITER_STRUCT(scw_paper_item_iter, sc_paper_item_iter)
SCW_ITER_STRUCT(scw_result_iter, sc_result_iter)
SCW_ITER_STRUCT(scw_bank_iter, sc_bank_iter)

/* An answer sheet copied from the language's list: n strings, NULL for an
   unanswered item. */
static void scw_assess_free_answers(char **answers, size_t n)
{
    size_t i;

    if (!answers) return;
    for (i = 0; i < n; i++)
        free(answers[i]);
    free(answers);
}
%}

/* ---- Answer sheets: a list of strings (None/null = unanswered) ------------------ */
#if defined(SWIGPYTHON)
%typemap(in) (const char *const *answers, size_t n) (char **sheet = NULL, size_t sheet_n = 0) {
    PyObject *seq_;
    Py_ssize_t i_, len_;
    seq_ = PySequence_Fast($input, "answers must be a sequence of str or None");
    if (!seq_) SWIG_fail;
    len_ = PySequence_Fast_GET_SIZE(seq_);
    sheet = (char **)calloc(len_ > 0 ? (size_t)len_ : 1, sizeof *sheet);
    if (!sheet) {
        Py_DECREF(seq_);
        PyErr_NoMemory();
        SWIG_fail;
    }
    sheet_n = (size_t)len_;
    for (i_ = 0; i_ < len_; i_++) {
        PyObject *o_ = PySequence_Fast_GET_ITEM(seq_, i_);
        const char *s_;
        if (o_ == Py_None) continue;
        if (scw_py_text(o_, &s_, NULL, 0, "answers item") < 0) {
            Py_DECREF(seq_);
            SWIG_fail;
        }
        sheet[i_] = scw_strdup(s_);
        if (!sheet[i_]) {
            Py_DECREF(seq_);
            PyErr_NoMemory();
            SWIG_fail;
        }
    }
    Py_DECREF(seq_);
    $1 = ($1_ltype)sheet;
    $2 = sheet_n;
}
%typemap(freearg) (const char *const *answers, size_t n) {
    scw_assess_free_answers(sheet$argnum, sheet_n$argnum);
}

%feature("docstring") scw_item "
Item(code, type, occupation, work_type, level, area, difficulty, stem) --
one version of a question bank item (题库), not saved until
Database.bank_item_save().

type is an ITEM_* constant; work_type None for items common to the
occupation. Choice items take options (add_option) and a key (set_answer).
";

%feature("docstring") scw_blueprint "
Blueprint() -- how Database.paper_assemble() draws a paper: area weights
(add_area, summing to 100), items per type and their points (add_type,
points summing to 100) and optionally the difficulty mix (add_difficulty).
";
#elif defined(SWIGJAVA)
%typemap(jni) (const char *const *answers, size_t n) "jobjectArray"
%typemap(jtype) (const char *const *answers, size_t n) "byte[][]"
%typemap(jstype) (const char *const *answers, size_t n) "String[]"
%typemap(javain,
         pre="    byte[][] temp$javainput = null;\n"
             "    if ($javainput != null) {\n"
             "      temp$javainput = new byte[$javainput.length][];\n"
             "      for (int i = 0; i < $javainput.length; i++)\n"
             "        temp$javainput[i] = Skillcert.swigToUtf8($javainput[i]);\n"
             "    }")
  (const char *const *answers, size_t n) "temp$javainput"
%typemap(in, noblock=1) (const char *const *answers, size_t n) (char **sheet = NULL, jsize sheet_n = 0) {
  $1 = NULL;
  $2 = 0;
  if ($input) {
    jsize i_;
    sheet_n = (*jenv)->GetArrayLength(jenv, $input);
    sheet = (char **)calloc(sheet_n > 0 ? (size_t)sheet_n : 1, sizeof *sheet);
    if (!sheet) {
      SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
      return $null;
    }
    for (i_ = 0; i_ < sheet_n; i_++) {
      jbyteArray b_ = (jbyteArray)(*jenv)->GetObjectArrayElement(jenv, $input, i_);
      jsize len_;
      if (!b_) continue;
      len_ = (*jenv)->GetArrayLength(jenv, b_);
      sheet[i_] = (char *)malloc((size_t)len_ + 1);
      if (sheet[i_]) {
        (*jenv)->GetByteArrayRegion(jenv, b_, 0, len_, (jbyte *)sheet[i_]);
        sheet[i_][len_] = '\0';
      }
      (*jenv)->DeleteLocalRef(jenv, b_);
      if (!sheet[i_]) {
        scw_assess_free_answers(sheet, (size_t)sheet_n);
        SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
        return $null;
      }
    }
    $1 = ($1_ltype)sheet;
    $2 = (size_t)sheet_n;
  }
}
%typemap(freearg, noblock=1) (const char *const *answers, size_t n) {
  scw_assess_free_answers(sheet$argnum, (size_t)sheet_n$argnum);
}

/* Paper seeds are any 64-bit value: a Java long (the same bits). */
%apply long long { uint64_t seed };

/* Class additions (typemaps: before the classes are declared). */
%typemap(javacode) scw_item %{
  /** A new item common to the occupation (no work type). */
  public Item(String code, ItemType type, String occupation, int level, String area, int difficulty,
              String stem) {
    this(code, type, occupation, null, level, area, difficulty, stem);
  }

  /** The options of a choice item, A first; empty for other types. */
  public java.util.List<String> getOptions() {
    int n = (int)optionCount();
    java.util.List<String> list = new java.util.ArrayList<String>(n);
    for (int i = 0; i < n; i++)
      list.add(optionAt(i));
    return java.util.Collections.unmodifiableList(list);
  }

  @Override
  public String toString() {
    return "Item(" + getCode() + " v" + getVersion() + " " + Skillcert.itemTypeName(getType()) + ")";
  }
%}

%typemap(javacode) sc_result, struct sc_result %{
  /** True when every component reached its pass score. */
  public boolean isPassed() {
    return getPassed() != 0;
  }
%}

%typemap(javacode) sc_venue, struct sc_venue %{
  /** True when the latest inspection passed. */
  public boolean isInspectionPassed() {
    return getInspectionPassed() != 0;
  }
%}
#endif

/* ---- Value classes: the header's plain structures, read-only ------------------- */
%rename(ComponentRule) sc_component_rule;
%rename(Venue) sc_venue;
%rename(Session) sc_session;
%rename(SessionStaff) sc_session_staff;
%rename(Enrolment) sc_enrolment;
%rename(Paper) sc_paper;
%rename(PaperItem) sc_paper_item;
%rename(Result) sc_result;
%nodefaultctor sc_component_rule;
%nodefaultctor sc_venue;
%nodefaultctor sc_session;
%nodefaultctor sc_session_staff;
%nodefaultctor sc_enrolment;
%nodefaultctor sc_paper;
%nodefaultctor sc_paper_item;
%nodefaultctor sc_result;

%immutable;
/* Query structures: the methods take the filters as arguments. */
%ignore sc_session_query;
%ignore SC_SESSION_QUERY_VERSION;
%ignore SC_SESSION_QUERY_INIT;
%ignore sc_bank_query;
%ignore SC_BANK_QUERY_VERSION;
%ignore SC_BANK_QUERY_INIT;
%include "skillcert/assessment.h"
%mutable;

/* ---- Item -------------------------------------------------------------------------- */
%rename(Item) scw_item;
%nodefaultctor scw_item;
typedef struct {} scw_item;

%{
static const char *scw_item_code_get(scw_item *it) { return sc_item_code(it); }
static int scw_item_version_get(scw_item *it) { return sc_item_version(it); }
static int scw_item_type_get(scw_item *it) { return sc_item_type_of(it); }
static const char *scw_item_occupation_get(scw_item *it) { return sc_item_occupation(it); }
static const char *scw_item_work_type_get(scw_item *it) { return sc_item_work_type(it); }
static int scw_item_level_get(scw_item *it) { return sc_item_level(it); }
static const char *scw_item_area_get(scw_item *it) { return sc_item_area(it); }
static int scw_item_difficulty_get(scw_item *it) { return sc_item_difficulty(it); }
static const char *scw_item_stem_get(scw_item *it) { return sc_item_stem(it); }
static const char *scw_item_answer_get(scw_item *it) { return sc_item_answer(it); }
static int64_t scw_item_exposure_get(scw_item *it) { return sc_item_exposure(it); }
static const char *scw_item_saved_get(scw_item *it) { return sc_item_saved(it); }
%}

%extend scw_item {
    /** A new item (not saved): type an ITEM_* code; work_type None/null for
       items common to the occupation; level 1-5; difficulty 1-5. */
    scw_item(const char *code, int type, const char *occupation, const char *work_type,
             int level, const char *area, int difficulty, const char *stem) {
        sc_item *it = NULL;
        scw_check(sc_item_new(&it, code, type, occupation, work_type, level, area, difficulty,
                              stem));
        return it;
    }
    ~scw_item() { sc_item_free($self); }

    %immutable;
    const char *code;        /* the organization's item code, stable across versions */
    int version;             /* 1, 2 ...; 0 for an item never saved */
    int type;                /* an ITEM_* code */
    const char *occupation;  /* normalised code */
    const char *work_type;   /* "" when common to the occupation */
    int level;
    const char *area;        /* knowledge area */
    int difficulty;
    const char *stem;
    const char *answer;      /* the key; "" when not set */
    int64_t exposure;        /* papers this version appears in */
    const char *saved;       /* day this version was saved; "" never */
    %mutable;

    /** Add the next option (A, B, C ...) of a choice item. */
    scw_status add_option(const char *text) {
        return scw_check(sc_item_add_option($self, text));
    }
    /** The key: "B", "ACD" (any order), "T"/"F", or a practical task's criteria. */
    scw_status set_answer(const char *answer) {
        return scw_check(sc_item_set_answer($self, answer));
    }
    /** Number of options. */
    size_t option_count() { return sc_item_option_count($self); }
    /** Option i (0 = A); None/null out of range. */
    const char *option_at(size_t i) { return sc_item_option($self, i); }
}

/* ---- Blueprint ---------------------------------------------------------------------- */
%rename(Blueprint) scw_blueprint;
%nodefaultctor scw_blueprint;
typedef struct {} scw_blueprint;

%extend scw_blueprint {
    /** An empty blueprint. */
    scw_blueprint() {
        sc_blueprint *bp = NULL;
        scw_check(sc_blueprint_new(&bp));
        return bp;
    }
    ~scw_blueprint() { sc_blueprint_free($self); }

    /** A knowledge area's weight, 1-100 percent; the weights sum to 100. */
    scw_status add_area(const char *area, int percent) {
        return scw_check(sc_blueprint_add_area($self, area, percent));
    }
    /** count items of an ITEM_* type worth points each (0.5-100, in halves);
       the points of the paper sum to 100. */
    scw_status add_type(int type, int count, double points) {
        return scw_check(sc_blueprint_add_type($self, type, count, points));
    }
    /** percent of each type's items at difficulty 1-5 (optional; sum 100). */
    scw_status add_difficulty(int difficulty, int percent) {
        return scw_check(sc_blueprint_add_difficulty($self, difficulty, percent));
    }
}

/* ---- Iterators ---------------------------------------------------------------------- */
SCW_ITERATOR(scw_session_iter, SessionIterator, sc_session, Session,
             sc_session_iter_next, sc_session_iter_free)
SCW_ITERATOR(scw_session_staff_iter, SessionStaffIterator, sc_session_staff, SessionStaff,
             sc_session_staff_iter_next, sc_session_staff_iter_free)
SCW_ITERATOR(scw_enrolment_iter, EnrolmentIterator, sc_enrolment, Enrolment,
             sc_enrolment_iter_next, sc_enrolment_iter_free)
SCW_ITERATOR(scw_paper_item_iter, PaperItemIterator, sc_paper_item, PaperItem,
             sc_paper_item_iter_next, sc_paper_item_iter_free)
SCW_ITERATOR(scw_result_iter, ResultIterator, sc_result, Result,
             sc_result_iter_next, sc_result_iter_free)

/* The bank iterator gives Item handles, not plain structures. */
SCW_LANG_ITERATOR(scw_bank_iter, Item)
%rename(BankIterator) scw_bank_iter;
%nodefaultctor scw_bank_iter;
struct scw_bank_iter {};
%newobject scw_bank_iter::next_item;
%extend scw_bank_iter {
    ~scw_bank_iter() {
        sc_bank_iter_free($self->it);
        free($self);
    }

    /** The next item, or None/null at the end (the C iterator is then freed
       at once, releasing the database). */
    scw_item *next_item() {
        sc_item *item = NULL;
        if (!$self->it) return NULL;
        if (scw_check(sc_bank_iter_next(&item, $self->it)) < 0) {
            sc_item_free(item);
            sc_bank_iter_free($self->it);
            $self->it = NULL;
            return NULL;
        }
        return item;
    }

    /** End the iteration early. Idempotent. */
    void close() {
        sc_bank_iter_free($self->it);
        $self->it = NULL;
    }
}

/* ---- Database: assessment ------------------------------------------------------------ */
%newobject scw_database::sessions;
%newobject scw_database::session_staff;
%newobject scw_database::enrolments;
%newobject scw_database::paper_items;
%newobject scw_database::results;
%newobject scw_database::bank_items;
%newobject scw_database::bank_item_get;
SCW_LANG_CHILD(scw_database::sessions)
SCW_LANG_CHILD(scw_database::session_staff)
SCW_LANG_CHILD(scw_database::enrolments)
SCW_LANG_CHILD(scw_database::paper_items)
SCW_LANG_CHILD(scw_database::results)
SCW_LANG_CHILD(scw_database::bank_items)

%extend scw_database {
    /* -- component rules -- */

    /** The rule in force for a COMPONENT_* of an occupation's standard (its
       own, else the template's); occupation None/null: the template. */
    sc_component_rule component_rule_get(const char *occupation, int component) {
        SCW_GET(sc_component_rule, sc_component_rule_get(&out, db, occupation, component));
    }

    /** The city centre sets a component's rule for an occupation's standard,
       or for the template when occupation is None/null or "". */
    scw_status component_rule_set(const scw_actor *actor, const char *occupation, int component,
                                  int candidates_per_staff, int min_staff, int min_per_room,
                                  bool odd, int pass_score) {
        sc_component_rule r = SC_COMPONENT_RULE_INIT;
        SCW_DB(db, $self, scw_rc);
        r = (sc_component_rule)SC_COMPONENT_RULE_INIT;
        if (occupation && strlen(occupation) >= sizeof r.occupation) {
            scw_fail(SC_EINVAL, "occupation: malformed code");
            return scw_rc;
        }
        if (occupation) strcpy(r.occupation, occupation);
        r.component = component;
        r.candidates_per_staff = candidates_per_staff;
        r.min_staff = min_staff;
        r.min_per_room = min_per_room;
        r.odd = odd ? 1 : 0;
        r.pass_score = pass_score;
        return scw_check(sc_component_rule_set(db, actor, &r));
    }

    /* -- venues -- */

    /** An organization records a venue in its own district; returns its id. */
    int64_t venue_register(const scw_actor *actor, const char *credit_code, const char *name,
                           const char *address, const char *district, int rooms,
                           const char *date = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_venue_register(&id, db, actor, credit_code, name, address, district, rooms,
                                    date));
        return id;
    }

    /** The district bureau records its inspection (评价场地核查). */
    scw_status venue_inspect(const scw_actor *actor, int64_t venue_id, bool passed,
                             const char *note = NULL, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_venue_inspect(db, actor, venue_id, passed ? 1 : 0, note, date));
    }

    /** One venue with its latest inspection. */
    sc_venue venue_get(int64_t venue_id) {
        SCW_GET(sc_venue, sc_venue_get(&out, db, venue_id));
    }

    /* -- sessions -- */

    /** Plan a session of (occupation, work type or None, level) on date at a
       venue; path a PATH_* code; flags 0 or SESSION_ONLINE. Returns its id. */
    int64_t session_create(const scw_actor *actor, const char *credit_code,
                           const char *occupation, const char *work_type, int level, int path,
                           const char *date, int64_t venue_id, int rooms, int flags = 0) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_session_create(&id, db, actor, credit_code, occupation, work_type, level,
                                    path, date, venue_id, rooms, (unsigned int)flags));
        return id;
    }

    /** Assign a staff member to a COMPONENT_* of a planned session. */
    scw_status session_staff_add(const scw_actor *actor, int64_t session_id, int component,
                                 const char *person_id) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_session_staff_add(db, actor, session_id, component, person_id));
    }

    /** Take a staff member off a component of a planned session. */
    scw_status session_staff_remove(const scw_actor *actor, int64_t session_id, int component,
                                    const char *person_id) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_session_staff_remove(db, actor, session_id, component, person_id));
    }

    /** Enrol a recorded candidate; application_ref: a confirmed application's
       number (checked), another system's reference, or None/null. */
    scw_status session_enrol(const scw_actor *actor, int64_t session_id, const char *id_number,
                             const char *application_ref = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_session_enrol(db, actor, session_id, id_number, application_ref));
    }

    /** Is the session ready (venue inspection, staff ratios)? */
    scw_verdict session_check(int64_t session_id) {
        scw_verdict v;
        sc_verdict cv = SC_VERDICT_INIT;
        sc_db *db;
        memset(&v, 0, sizeof v);
        cv = (sc_verdict)SC_VERDICT_INIT;
        db = scw_db_get($self);
        if (!db) return v;
        if (scw_check(sc_session_check(&cv, db, session_id)) < 0) return v;
        return scw_verdict_from(&cv);
    }

    /** Confirm a planned session: staff and candidates are then fixed. */
    scw_status session_confirm(const scw_actor *actor, int64_t session_id,
                               const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_session_confirm(db, actor, session_id, date));
    }

    /** One session. */
    sc_session session_get(int64_t session_id) {
        SCW_GET(sc_session, sc_session_get(&out, db, session_id));
    }

    /** Sessions in date then id order, of one organization and/or one day. */
    scw_session_iter *sessions(const char *credit_code = NULL, const char *date = NULL) {
        sc_session_query q = SC_SESSION_QUERY_INIT;
        sc_session_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.credit_code = credit_code;
        q.date = date;
        if (scw_check(sc_session_iter_new(&it, db, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_session_iter, sc_session_iter_free, it);
    }

    /** The staff of a session, by component then person id. */
    scw_session_staff_iter *session_staff(int64_t session_id) {
        sc_session_staff_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_session_staff_iter_new(&it, db, session_id)) < 0) return NULL;
        SCW_RETURN_ITER(scw_session_staff_iter, sc_session_staff_iter_free, it);
    }

    /** The candidates of a session, by ID number. */
    scw_enrolment_iter *enrolments(int64_t session_id) {
        sc_enrolment_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_enrolment_iter_new(&it, db, session_id)) < 0) return NULL;
        SCW_RETURN_ITER(scw_enrolment_iter, sc_enrolment_iter_free, it);
    }

    /* -- the question bank -- */

    /** Save an item in an organization's bank; returns the version saved (a
       new one once the latest appears in a paper). */
    int bank_item_save(const scw_actor *actor, const char *credit_code, const scw_item *item) {
        int version = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_bank_item_save(&version, db, actor, credit_code, item));
        return version;
    }

    /** One item of a bank: a version, or 0 for the latest. */
    scw_item *bank_item_get(const char *credit_code, const char *code, int version = 0) {
        sc_item *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_bank_item_get(&it, db, credit_code, code, version)) < 0) {
            sc_item_free(it);
            return NULL;
        }
        return it;
    }

    /** The papers any version of an item appears in. */
    int64_t bank_exposure(const char *credit_code, const char *code) {
        int64_t n = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_bank_exposure_get(&n, db, credit_code, code));
        return n;
    }

    /** The latest version of each item of a bank by code, optionally of one
       occupation and/or level (0: any). */
    scw_bank_iter *bank_items(const char *credit_code, const char *occupation = NULL,
                              int level = 0) {
        sc_bank_query q = SC_BANK_QUERY_INIT;
        sc_bank_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.occupation = occupation;
        q.level = level;
        if (scw_check(sc_bank_iter_new(&it, db, credit_code, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_bank_iter, sc_bank_iter_free, it);
    }

    /* -- papers -- */

    /** Assemble a paper for COMPONENT_THEORY or COMPONENT_PRACTICAL of a
       session; the same bank, blueprint and seed give the same paper.
       Returns its id. */
    int64_t paper_assemble(const scw_actor *actor, int64_t session_id, int component,
                           const scw_blueprint *blueprint, uint64_t seed) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_paper_assemble(&id, db, actor, session_id, component, blueprint, seed));
        return id;
    }

    /** One paper. */
    sc_paper paper_get(int64_t paper_id) {
        SCW_GET(sc_paper, sc_paper_get(&out, db, paper_id));
    }

    /** The items of a paper in order. */
    scw_paper_item_iter *paper_items(int64_t paper_id) {
        sc_paper_item_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_paper_item_iter_new(&it, db, paper_id)) < 0) return NULL;
        SCW_RETURN_ITER(scw_paper_item_iter, sc_paper_item_iter_free, it);
    }

    /** Score an online answer sheet (one answer per item, in order); returns
       the objective score. */
    double paper_score(const scw_actor *actor, int64_t paper_id, const char *id_number,
                       const char *const *answers, size_t n) {
        double score = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_paper_score(&score, db, actor, paper_id, id_number, answers, n));
        return score;
    }

    /* -- results -- */

    /** Record a candidate's scores (0-100, or SCORE_NONE for a component not
       taken) in a confirmed session; the pass rule decides. */
    scw_status result_record(const scw_actor *actor, int64_t session_id, const char *id_number,
                             double theory, double practical, double review,
                             const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_result_record(db, actor, session_id, id_number, theory, practical,
                                          review, date));
    }

    /** One result. */
    sc_result result_get(int64_t session_id, const char *id_number) {
        SCW_GET(sc_result, sc_result_get(&out, db, session_id, id_number));
    }

    /** The results of a session, by ID number. */
    scw_result_iter *results(int64_t session_id) {
        sc_result_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_result_iter_new(&it, db, session_id)) < 0) return NULL;
        SCW_RETURN_ITER(scw_result_iter, sc_result_iter_free, it);
    }
}

/* ---- Module functions ------------------------------------------------------------------ */
%{
static const char *component_name(int component) { return sc_component_name(component); }
static const char *component_name_zh(int component) { return sc_component_name_zh(component); }
static int components_for(int level, int path) { return (int)sc_components_for(level, path); }
static int component_bit(int component) { return (int)SC_COMPONENT_BIT(component); }
static const char *session_status_name(int status) { return sc_session_status_name(status); }
static const char *item_type_name(int type) { return sc_item_type_name(type); }
SCW_PARSER(component_parse, sc_component_parse)
SCW_PARSER(item_type_parse, sc_item_type_parse)
%}

/** "theory", "practical", "review"; None/null if unknown. */
const char *component_name(int component);
/** "理论知识考试", "操作技能考核", "综合评审"; None/null if unknown. */
const char *component_name_zh(int component);
/** A COMPONENT_* code from its token, Chinese name or number. */
int component_parse(const char *text);
/** The component mask (component_bit() values) taken at level 1-5 on a PATH_*; 0 if bad. */
int components_for(int level, int path);
/** The bit of a COMPONENT_* in a component mask (Session.components...). */
int component_bit(int component);
/** "planned", "confirmed"; None/null if unknown. */
const char *session_status_name(scw_session_status status);
/** "single", "multiple", "true-false", "practical"; None/null if unknown. */
const char *item_type_name(int type);
/** An ITEM_* code from its token or number. */
int item_type_parse(const char *text);

/* ---- Language additions ------------------------------------------------------------------ */
#if defined(SWIGPYTHON)
%extend scw_item {
%pythoncode %{
    @property
    def options(self):
        """The options of a choice item, A first; [] for other types."""
        return [self.option_at(i) for i in range(self.option_count())]

    def __repr__(self):
        return "<skillcert.Item %s v%d %s>" % (self.code, self.version, item_type_name(self.type))
%}
}

%extend sc_session {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Session %d %s %s L%d %s %s>" % (
            self.id, self.credit_code, self.occupation, self.level, self.date,
            session_status_name(self.status))
%}
}

%extend sc_result {
%pythoncode %{
    def __bool__(self):
        return bool(self.passed)

    def __repr__(self):
        return "<skillcert.Result %d %s attempt %d %s>" % (
            self.session_id, self.id_number, self.attempt, "passed" if self.passed else "failed")
%}
}
#elif defined(SWIGJAVA)
/* Defaults of the C interface (one Java method per C signature). */
%extend scw_database {
%proxycode %{
  public long venueRegister(Actor actor, String creditCode, String name, String address,
                            String district, int rooms) {
    return venueRegister(actor, creditCode, name, address, district, rooms, null);
  }

  public void venueInspect(Actor actor, long venueId, boolean passed, String note) {
    venueInspect(actor, venueId, passed, note, null);
  }

  /** An offline session (flags 0). */
  public long sessionCreate(Actor actor, String creditCode, String occupation, String workType,
                            int level, Path path, java.time.LocalDate date, long venueId, int rooms) {
    return sessionCreate(actor, creditCode, occupation, workType, level, path, date, venueId,
                         rooms, 0);
  }

  /** Enrol without an application reference. */
  public void sessionEnrol(Actor actor, long sessionId, String idNumber) {
    sessionEnrol(actor, sessionId, idNumber, null);
  }

  /** Confirm today. */
  public void sessionConfirm(Actor actor, long sessionId) {
    sessionConfirm(actor, sessionId, null);
  }

  /** Every session. */
  public SessionIterator sessions() {
    return sessions(null, null);
  }

  public SessionIterator sessions(String creditCode) {
    return sessions(creditCode, null);
  }

  /** The latest version of an item. */
  public Item bankItemGet(String creditCode, String code) {
    return bankItemGet(creditCode, code, 0);
  }

  /** Every item of a bank (latest versions). */
  public BankIterator bankItems(String creditCode) {
    return bankItems(creditCode, null, 0);
  }

  /** Record scores today. */
  public void resultRecord(Actor actor, long sessionId, String idNumber, double theory,
                           double practical, double review) {
    resultRecord(actor, sessionId, idNumber, theory, practical, review, null);
  }
%}
}
#endif
