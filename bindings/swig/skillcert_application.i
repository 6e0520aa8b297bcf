/*
 * skillcert_application.i -- intake announcements (实施方案/公告) and
 * applications (报名) (application.h). Included by bindings/swig/skillcert.i
 * before Database is declared; same error path and ownership rules.
 *
 * Classes (read-only value copies owned by the wrapper, except the query):
 *     Announcement          an announcement and whether it is open on the day asked
 *     Application           an application and its history
 *     ApplicationQuery      what to select (a mutable value; empty selects all)
 *     AnnouncementIterator  over announcements, in order of id; closable
 *     ApplicationIterator   over the applications a query selects; closable
 *
 * Database methods (Python names; Java turns them camelCase):
 *     announcement_publish, announcement_close, announcement_get,
 *     announcement_lookup, announcement_offerings, announcements,
 *     application_apply, application_apply_for, application_verify,
 *     application_verify_batch, application_confirm, application_confirm_batch,
 *     application_reject, application_withdraw, application_withdraw_for,
 *     application_get, applications, application_count,
 *     application_batch_export_memory, application_batch_export_file,
 *     application_confirmation_export_memory, application_confirmation_export_file
 * Module functions: method_name, methods_parse, application_state_name,
 *     application_state_parse.
 *
 * Batches take the application ids as a sequence of ints (Python) or a
 * long[] (Java); a batch that fails changes nothing.
 */

%{
typedef sc_application_query scw_application_query;

/* The type of the ids of the batch calls. SWIG is not told that it is
   int64_t, so that its casts keep this name (SWIG's int64_t is long long). */
typedef int64_t scw_app_id;

SCW_ITER_STRUCT(scw_announcement_iter, sc_announcement_iter)
SCW_ITER_STRUCT(scw_application_iter, sc_application_iter)

/* Copy text (NULL: "") into a fixed field; EINVAL with the static message
   `what` when it does not fit. */
static int scw_app_text(char *field, size_t size, const char *text, const char *what)
{
    size_t n = text ? strlen(text) : 0;

    if (n >= size) {
        scw_fail(SC_EINVAL, what);
        return SC_EINVAL;
    }
    if (n) memcpy(field, text, n);
    field[n] = '\0';
    return SC_OK;
}

/* Copy text into field F of structure S (a pointer) with the message WHAT. */
#define SCW_APP_SET(S, F, text, what) scw_app_text((S)->F, sizeof (S)->F, (text), (what))

/* A NULL list of ids (None/null) is refused by the wrappers themselves. */
static int scw_app_ids_missing(const scw_app_id *ids)
{
    if (ids) return 0;
    scw_fail(SC_EINVAL, "the list of application ids is missing");
    return 1;
}
%}

/* ---- The list of application ids of the batch calls ------------------------------ */
#if defined(SWIGPYTHON)
%typemap(in) (const scw_app_id *application_ids, size_t application_count)
             (int64_t *scw_app_buf = NULL) {
    $1 = NULL;
    $2 = 0;
    if ($input != Py_None) {
        PyObject *seq_;
        Py_ssize_t n_, i_;
        if (PyUnicode_Check($input) || PyBytes_Check($input)) {
            PyErr_SetString(PyExc_TypeError, "expected a sequence of application ids (ints)");
            SWIG_fail;
        }
        seq_ = PySequence_Fast($input, "expected a sequence of application ids (ints)");
        if (!seq_) SWIG_fail;
        n_ = PySequence_Fast_GET_SIZE(seq_);
        scw_app_buf = (int64_t *)malloc((n_ ? (size_t)n_ : 1) * sizeof *scw_app_buf);
        if (!scw_app_buf) {
            Py_DECREF(seq_);
            PyErr_NoMemory();
            SWIG_fail;
        }
        for (i_ = 0; i_ < n_; i_++) {
            PyObject *item_ = PySequence_Fast_GET_ITEM(seq_, i_);
            long long v_;
            if (!PyLong_Check(item_)) {
                Py_DECREF(seq_);
                PyErr_SetString(PyExc_TypeError, "application ids must be ints");
                SWIG_fail;
            }
            v_ = PyLong_AsLongLong(item_);
            if (v_ == -1 && PyErr_Occurred()) {
                Py_DECREF(seq_);
                SWIG_fail;
            }
            scw_app_buf[i_] = (int64_t)v_;
        }
        Py_DECREF(seq_);
        $1 = scw_app_buf;
        $2 = (size_t)n_;
    }
}
%typemap(freearg) (const scw_app_id *application_ids, size_t application_count) {
    free(scw_app_buf$argnum);
}
%typemap(typecheck) (const scw_app_id *application_ids, size_t application_count) {
    $1 = $input == Py_None || PySequence_Check($input);
}
%typemap(doctype) (const scw_app_id *application_ids, size_t application_count) "list of int";
#elif defined(SWIGJAVA)
%typemap(jni) (const scw_app_id *application_ids, size_t application_count) "jlongArray"
%typemap(jtype) (const scw_app_id *application_ids, size_t application_count) "long[]"
%typemap(jstype) (const scw_app_id *application_ids, size_t application_count) "long[]"
%typemap(javain) (const scw_app_id *application_ids, size_t application_count) "$javainput"
%typemap(in, noblock=1) (const scw_app_id *application_ids, size_t application_count) {
  $1 = NULL;
  $2 = 0;
  if ($input) {
    jsize n_ = (*jenv)->GetArrayLength(jenv, $input);
    $1 = (int64_t *)malloc((n_ ? (size_t)n_ : 1) * sizeof(int64_t));
    if (!$1) {
      SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
      return $null;
    }
    if (n_) {
      jlong *tmp_ = (jlong *)malloc((size_t)n_ * sizeof(jlong));
      jsize i_;
      if (!tmp_) {
        free($1);
        SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
        return $null;
      }
      (*jenv)->GetLongArrayRegion(jenv, $input, 0, n_, tmp_);
      for (i_ = 0; i_ < n_; i_++)
        $1[i_] = (int64_t)tmp_[i_];
      free(tmp_);
    }
    $2 = (size_t)n_;
  }
}
%typemap(freearg, noblock=1) (const scw_app_id *application_ids, size_t application_count) {
  free((void *)$1);
}
#endif

/* ---- Constants and value classes --------------------------------------------------- */
#if defined(SWIGJAVA)
/* Unsigned flag constants (0x1u...): read from the library. */
%javaconst(0) SC_METHOD_THEORY;
%javaconst(0) SC_METHOD_PRACTICAL;
%javaconst(0) SC_METHOD_REVIEW;
%javaconst(0) SC_METHOD_ALL;

/* Members of the value classes (typemaps come before the declarations). */
%typemap(javacode) sc_announcement, struct sc_announcement %{
  /** True when open on the day asked. */
  public boolean isOpen() {
    return getOpen() != 0;
  }

  @Override
  public String toString() {
    return "Announcement(" + getId() + " " + getCreditCode() + "/" + getCode() + " "
        + getOpens() + ".." + getCloses() + (isOpen() ? " open" : "") + ")";
  }
%}

%typemap(javacode) sc_application, struct sc_application %{
  /** The state as a token ("submitted", ...). */
  public String getStateName() {
    return Skillcert.applicationStateName(getState());
  }

  @Override
  public String toString() {
    return "Application(" + getId() + " " + getIdNumber() + " " + getCreditCode() + " "
        + getOccupation() + "/" + (getWorkType().isEmpty() ? "-" : getWorkType()) + ":"
        + getLevel() + " " + getStateName() + ")";
  }
%}

%typemap(javacode) sc_application_query, struct sc_application_query %{
  /** Select everything. */
  public ApplicationQuery() {
    this(null, 0, null, null, 0, null, null);
  }
%}
#endif

%rename(Announcement) sc_announcement;
%rename(Application) sc_application;
%rename(ApplicationQuery) sc_application_query;
%nodefaultctor sc_announcement;
%nodefaultctor sc_application;
%ignore SC_APPLICATION_QUERY_INIT;
/* The announcement query: Database.announcements takes the filters as arguments. */
%ignore sc_announcement_query;
%ignore SC_ANNOUNCEMENT_QUERY_VERSION;
%ignore SC_ANNOUNCEMENT_QUERY_INIT;
%ignore sc_announcement_iter;
%ignore sc_application_iter;

%immutable;
%include "skillcert/application.h"
%mutable;

/* ---- ApplicationQuery ------------------------------------------------------------------ */
%extend sc_application_query {
    /** What to select; every field left empty (None/0) selects everything.
       Fields are checked when the query is used (ValidationError then). */
    sc_application_query(const char *credit_code = NULL, int64_t announcement = 0,
                         const char *id_number = NULL, const char *occupation = NULL,
                         int level = 0, int state = 0, const char *batch_id = NULL) {
        sc_application_query *q = (sc_application_query *)scw_alloc_item(sizeof *q);
        if (!q) return NULL;
        if (scw_check(sc_application_query_init(q, SC_APPLICATION_QUERY_VERSION)) < 0
            || SCW_APP_SET(q, credit_code, credit_code, "query credit_code too long") < 0
            || SCW_APP_SET(q, id_number, id_number, "query id_number too long") < 0
            || SCW_APP_SET(q, occupation, occupation, "query occupation too long") < 0
            || SCW_APP_SET(q, batch_id, batch_id, "query batch_id too long") < 0) {
            free(q);
            return NULL;
        }
        q->announcement = announcement;
        q->level = level;
        q->state = state;
        return q;
    }

    /** The organization's credit code, or None for any. */
    scw_status set_credit_code(const char *credit_code) {
        return SCW_APP_SET($self, credit_code, credit_code, "query credit_code too long");
    }
    /** The announcement's id, or 0 for any. */
    void set_announcement(int64_t announcement) { $self->announcement = announcement; }
    /** The candidate's resident ID number, or None for any. */
    scw_status set_id_number(const char *id_number) {
        return SCW_APP_SET($self, id_number, id_number, "query id_number too long");
    }
    /** The occupation code, or None for any. */
    scw_status set_occupation(const char *occupation) {
        return SCW_APP_SET($self, occupation, occupation, "query occupation too long");
    }
    /** 1-5, or 0 for any. */
    void set_level(int level) { $self->level = level; }
    /** An APPLICATION_* state, or 0 for any. */
    void set_state(int state) { $self->state = state; }
    /** The candidate batch it was sent in, or None for any. */
    scw_status set_batch_id(const char *batch_id) {
        return SCW_APP_SET($self, batch_id, batch_id, "query batch_id too long");
    }
}

/* ---- Iterators ------------------------------------------------------------------------- */
SCW_ITERATOR(scw_announcement_iter, AnnouncementIterator, sc_announcement, Announcement,
             sc_announcement_iter_next, sc_announcement_iter_free)
SCW_ITERATOR(scw_application_iter, ApplicationIterator, sc_application, Application,
             sc_application_iter_next, sc_application_iter_free)

/* ---- Database: announcements and applications ------------------------------------------ */
%newobject scw_database::announcement_offerings;
%newobject scw_database::announcements;
%newobject scw_database::applications;
%newobject scw_database::application_batch_export_memory;
%newobject scw_database::application_confirmation_export_memory;
SCW_LANG_CHILD(scw_database::announcements)
SCW_LANG_CHILD(scw_database::applications)
SCW_LANG_TAKES_OFFERINGS(scw_database::announcement_publish, offerings)
SCW_LANG_RETURNS_SCOPE(scw_database::announcement_offerings)

%extend scw_database {
    /* -- announcements (实施方案并发布公告) -- */

    /** The organization (actor) publishes an announcement of its own: code
       ("2024-01"), title, intake period opens-closes, fees, methods (a
       METHOD_* mask) and the offerings it takes applications for. Returns
       its id. */
    int64_t announcement_publish(const scw_actor *actor, const char *credit_code,
                                 const char *code, const char *title, const char *opens,
                                 const char *closes, const char *fees, int methods,
                                 const scw_offerings *offerings, const char *date = NULL) {
        sc_announcement a = SC_ANNOUNCEMENT_INIT;
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        a = (sc_announcement)SC_ANNOUNCEMENT_INIT;
        if (SCW_APP_SET(&a, credit_code, credit_code, "announcement credit_code too long") < 0
            || SCW_APP_SET(&a, code, code, "announcement code too long") < 0
            || SCW_APP_SET(&a, title, title, "announcement title too long") < 0
            || SCW_APP_SET(&a, opens, opens, "announcement opens too long") < 0
            || SCW_APP_SET(&a, closes, closes, "announcement closes too long") < 0
            || SCW_APP_SET(&a, fees, fees, "announcement fees too long") < 0)
            return 0;
        a.methods = (unsigned int)methods;
        scw_check(sc_announcement_publish(&id, db, actor, &a, offerings, date));
        return id;
    }

    /** The organization closes an announcement early, from date on. */
    scw_status announcement_close(const scw_actor *actor, int64_t id, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_announcement_close(db, actor, id, date));
    }

    /** An announcement by id; .open tells whether it is open on date (None: today). */
    sc_announcement announcement_get(int64_t id, const char *date = NULL) {
        SCW_GET(sc_announcement, sc_announcement_get(&out, db, id, date));
    }

    /** An announcement by organization and its code. */
    sc_announcement announcement_lookup(const char *credit_code, const char *code,
                                        const char *date = NULL) {
        SCW_GET(sc_announcement, sc_announcement_lookup(&out, db, credit_code, code, date));
    }

    /** The offerings an announcement takes applications for. */
    scw_scope *announcement_offerings(int64_t id) {
        sc_offerings *s = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_announcement_offerings_get(&s, db, id)) < 0) {
            sc_offerings_free(s);
            return NULL;
        }
        return s;
    }

    /** Announcements in order of id: of one organization or all; with
       open_only, only those open on date (None: today). */
    scw_announcement_iter *announcements(const char *credit_code = NULL,
                                         const char *date = NULL, bool open_only = false) {
        sc_announcement_query q = SC_ANNOUNCEMENT_QUERY_INIT;
        sc_announcement_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.credit_code = credit_code;
        q.date = date;
        q.open_only = open_only ? 1 : 0;
        if (scw_check(sc_announcement_iter_new(&it, db, &q)) < 0)
            return NULL;
        SCW_RETURN_ITER(scw_announcement_iter, sc_announcement_iter_free, it);
    }

    /* -- applications (报名) -- */

    /** The candidate (actor) applies, with their stored record, for an
       offering of an open announcement; path a PATH_* code, evidence required
       for the special paths. Returns the application's id. */
    int64_t application_apply(const scw_actor *actor, int64_t announcement,
                              const char *id_number, const char *occupation,
                              const char *work_type, int level, int path = SC_PATH_NORMAL,
                              const char *evidence = NULL, const char *date = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_application_apply(&id, db, actor, announcement, id_number, occupation,
                                       work_type, level, path, evidence, date));
        return id;
    }

    /** The organization (actor) applies for a candidate (代为报名), saving the
       record handed in, in the same transaction. Returns the id. */
    int64_t application_apply_for(const scw_actor *actor, int64_t announcement,
                                  const scw_candidate *record, const char *occupation,
                                  const char *work_type, int level, int path = SC_PATH_NORMAL,
                                  const char *evidence = NULL, const char *date = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_application_apply_for(&id, db, actor, announcement, record, occupation,
                                           work_type, level, path, evidence, date));
        return id;
    }

    /** The organization verifies (资格核实): true when eligible (VERIFIED),
       false when not (REJECTED, with the reason). */
    bool application_verify(const scw_actor *actor, int64_t id, const char *date = NULL) {
        int eligible = 0;
        SCW_DB(db, $self, false);
        scw_check(sc_application_verify(&eligible, db, actor, id, date));
        return eligible != 0;
    }

    /** Verify many in one transaction; returns how many were eligible. If any
       id fails, nothing changes. */
    size_t application_verify_batch(const scw_actor *actor,
                                    const scw_app_id *application_ids, size_t application_count,
                                    const char *date = NULL) {
        size_t verified = 0;
        SCW_DB(db, $self, 0);
        if (scw_app_ids_missing(application_ids)) return 0;
        scw_check(sc_application_verify_batch(&verified, db, actor, application_ids,
                                              application_count, date));
        return verified;
    }

    /** The bureau of the organization's district confirms (报名确认). */
    scw_status application_confirm(const scw_actor *actor, int64_t id, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_application_confirm(db, actor, id, date));
    }

    /** Confirm many in one transaction. If any id fails, nothing changes. */
    scw_status application_confirm_batch(const scw_actor *actor,
                                         const scw_app_id *application_ids,
                                         size_t application_count, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        if (scw_app_ids_missing(application_ids)) return scw_rc;
        return scw_check(sc_application_confirm_batch(db, actor, application_ids,
                                                      application_count, date));
    }

    /** Reject with a reason: the organization at SUBMITTED, its district at VERIFIED. */
    scw_status application_reject(const scw_actor *actor, int64_t id, const char *reason,
                                  const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_application_reject(db, actor, id, reason, date));
    }

    /** The candidate withdraws their open application, with a reason. */
    scw_status application_withdraw(const scw_actor *actor, int64_t id, const char *reason,
                                    const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_application_withdraw(db, actor, id, reason, date));
    }

    /** The organization withdraws an open application made to it, with a reason. */
    scw_status application_withdraw_for(const scw_actor *actor, int64_t id, const char *reason,
                                        const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_application_withdraw_for(db, actor, id, reason, date));
    }

    /** An application by id. */
    sc_application application_get(int64_t id) {
        SCW_GET(sc_application, sc_application_get(&out, db, id));
    }

    /** The applications a query selects (None: all), in order of id. */
    scw_application_iter *applications(const sc_application_query *query = NULL) {
        sc_application_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_application_iter_new(&it, db, query)) < 0) return NULL;
        SCW_RETURN_ITER(scw_application_iter, sc_application_iter_free, it);
    }

    /** How many applications a query selects (None: all). */
    int64_t application_count(const sc_application_query *query = NULL) {
        int64_t n = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_application_count_get(&n, db, query));
        return n;
    }

    /* -- exchange documents -- */

    /** The candidate batch (DOC_CANDIDATE_BATCH) of an announcement's VERIFIED
       applications, for the organization's district. */
    char *application_batch_export_memory(int64_t announcement, const char *batch_id) {
        char *out = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_application_batch_export_memory(&out, NULL, db, announcement,
                                                         batch_id)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }

    /** As application_batch_export_memory, to a file (replaced). */
    scw_status application_batch_export_file(int64_t announcement, const char *batch_id,
                                             const char *path) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_application_batch_export_file(db, announcement, batch_id, path));
    }

    /** The district's answer (DOC_CONFIRMATION) for an announcement; answers:
       the candidate batch answered, or None for every decided application. */
    char *application_confirmation_export_memory(int64_t announcement, const char *batch_id,
                                                 const char *answers = NULL) {
        char *out = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_application_confirmation_export_memory(&out, NULL, db, announcement,
                                                                batch_id, answers)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }

    /** As application_confirmation_export_memory, to a file (replaced). */
    scw_status application_confirmation_export_file(int64_t announcement, const char *batch_id,
                                                    const char *answers, const char *path) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_application_confirmation_export_file(db, announcement, batch_id,
                                                                 answers, path));
    }

#if defined(SWIGJAVA)
%proxycode %{
  /* -- applications (skillcert_application.i): the defaults of the C interface -- */

  public long announcementPublish(Actor actor, String creditCode, String code, String title,
                                  java.time.LocalDate opens, java.time.LocalDate closes, String fees,
                                  int methods,
                                  java.util.Collection<OfferingItem> offerings) {
    return announcementPublish(actor, creditCode, code, title, opens, closes, fees, methods,
                               offerings, null);
  }

  /** Closed from today on. */
  public void announcementClose(Actor actor, long id) {
    announcementClose(actor, id, null);
  }

  /** As of today. */
  public Announcement announcementGet(long id) {
    return announcementGet(id, null);
  }

  public Announcement announcementLookup(String creditCode, String code) {
    return announcementLookup(creditCode, code, null);
  }

  /** Every announcement. */
  public AnnouncementIterator announcements() {
    return announcements(null, null, false);
  }

  public AnnouncementIterator announcements(String creditCode) {
    return announcements(creditCode, null, false);
  }

  /** The normal path (PATH_NORMAL), no evidence. */
  public long applicationApply(Actor actor, long announcement, String idNumber,
                               String occupation, String workType, int level, java.time.LocalDate date) {
    return applicationApply(actor, announcement, idNumber, occupation, workType, level,
                            Path.NORMAL, null, date);
  }

  /** The normal path (PATH_NORMAL), no evidence. */
  public long applicationApplyFor(Actor actor, long announcement, Candidate record,
                                  String occupation, String workType, int level, java.time.LocalDate date) {
    return applicationApplyFor(actor, announcement, record, occupation, workType, level,
                               Path.NORMAL, null, date);
  }

  public boolean applicationVerify(Actor actor, long id) {
    return applicationVerify(actor, id, null);
  }

  public long applicationVerifyBatch(Actor actor, long[] ids) {
    return applicationVerifyBatch(actor, ids, null);
  }

  public void applicationConfirm(Actor actor, long id) {
    applicationConfirm(actor, id, null);
  }

  public void applicationConfirmBatch(Actor actor, long[] ids) {
    applicationConfirmBatch(actor, ids, null);
  }

  public void applicationReject(Actor actor, long id, String reason) {
    applicationReject(actor, id, reason, null);
  }

  public void applicationWithdraw(Actor actor, long id, String reason) {
    applicationWithdraw(actor, id, reason, null);
  }

  public void applicationWithdrawFor(Actor actor, long id, String reason) {
    applicationWithdrawFor(actor, id, reason, null);
  }

  /** Every application. */
  public ApplicationIterator applications() {
    return applications(null);
  }

  /** The number of every application. */
  public long applicationCount() {
    return applicationCount(null);
  }

  /** Every application decided by the district. */
  public String applicationConfirmationExportMemory(long announcement, String batchId) {
    return applicationConfirmationExportMemory(announcement, batchId, null);
  }
%}
#endif
}

/* ---- Module functions ------------------------------------------------------------------ */
%{
static const char *method_name(int method) { return sc_method_name((unsigned int)method); }
static const char *application_state_name(int state) { return sc_application_state_name(state); }

static int methods_parse(const char *text)
{
    unsigned int out = 0;
    scw_check(sc_methods_parse(&out, text));
    return (int)out;
}

static int application_state_parse(const char *text)
{
    int out = 0;
    scw_check(sc_application_state_parse(&out, text));
    return out;
}
%}

/** "theory", "practical", "review" for one METHOD_* bit; None/null otherwise. */
const char *method_name(int method);
/** A METHOD_* mask from "theory,practical" or "理论知识考试 综合评审". */
int methods_parse(const char *text);
/** "submitted", "verified", "confirmed", "rejected", "withdrawn"; None/null otherwise. */
const char *application_state_name(int state);
/** An APPLICATION_* state from its token. */
int application_state_parse(const char *text);

/* ---- The languages' additions ---------------------------------------------------------- */
#if defined(SWIGPYTHON)
%extend sc_announcement {
%pythoncode %{
    @property
    def method_names(self):
        """The assessment methods named, as tokens ("theory", ...)."""
        return [method_name(m) for m in (METHOD_THEORY, METHOD_PRACTICAL, METHOD_REVIEW)
                if self.methods & m]

    def __repr__(self):
        return "<skillcert.Announcement %d %s/%s %s..%s%s>" % (
            self.id, self.credit_code, self.code, self.opens, self.closes,
            " open" if self.open else "")
%}
}

%extend sc_application {
%pythoncode %{
    @property
    def state_name(self):
        """The state as a token ("submitted", ...)."""
        return application_state_name(self.state)

    def __repr__(self):
        return "<skillcert.Application %d %s %s %s/%s:%d %s>" % (
            self.id, self.id_number, self.credit_code, self.occupation,
            self.work_type or "-", self.level, self.state_name)
%}
}

%extend sc_application_query {
%pythoncode %{
    # The fields can be assigned too (q.state = APPLICATION_CONFIRMED), through
    # the checked setters.
    credit_code = property(_skillcert.ApplicationQuery_credit_code_get, set_credit_code,
                           doc="The organization's credit code, or \"\" for any.")
    announcement = property(_skillcert.ApplicationQuery_announcement_get, set_announcement,
                            doc="The announcement's id, or 0 for any.")
    id_number = property(_skillcert.ApplicationQuery_id_number_get, set_id_number,
                         doc="The candidate's resident ID number, or \"\" for any.")
    occupation = property(_skillcert.ApplicationQuery_occupation_get, set_occupation,
                          doc="The occupation code, or \"\" for any.")
    level = property(_skillcert.ApplicationQuery_level_get, set_level,
                     doc="1-5, or 0 for any.")
    state = property(_skillcert.ApplicationQuery_state_get, set_state,
                     doc="An APPLICATION_* state, or 0 for any.")
    batch_id = property(_skillcert.ApplicationQuery_batch_id_get, set_batch_id,
                        doc="The candidate batch, or \"\" for any.")

    def __repr__(self):
        fields = [(k, getattr(self, k)) for k in ("credit_code", "announcement", "id_number",
                                                   "occupation", "level", "state", "batch_id")]
        return "<skillcert.ApplicationQuery %s>" % (
            " ".join("%s=%r" % (k, v) for k, v in fields if v) or "all",)
%}
}
#endif
