/**
 * @file skillcert.h
 * @brief libskillcert: Beijing new-occupation skill level certification
 *        (新职业技能等级认定, 京人社能发〔2022〕8号). Umbrella header.
 */
#ifndef SKILLCERT_H
#define SKILLCERT_H

#include "skillcert/common.h"
#include "skillcert/version.h"
#include "skillcert/errors.h"
#include "skillcert/db.h"
#include "skillcert/roles.h"
#include "skillcert/catalog.h"
#include "skillcert/xml.h"
#include "skillcert/district.h"
#include "skillcert/org.h"
#include "skillcert/authz.h"
#include "skillcert/audit.h"
#include "skillcert/candidate.h"
#include "skillcert/eligibility.h"
#include "skillcert/application.h"
#include "skillcert/assessment.h"
#include "skillcert/certificate.h"
#include "skillcert/supervision.h"
#include "skillcert/pki.h"
#include "skillcert/render.h"

#endif /* SKILLCERT_H */
