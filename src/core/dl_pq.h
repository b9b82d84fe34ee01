/* dl_pq.h - libpq's functions, loaded by pc_dl_load(PC_DL_PQ) when an
 * archive command is given a postgresql:// --db (src/archive/postgres.c).
 * See dl.h. */
#ifndef PC_DL_PQ_H
#define PC_DL_PQ_H

#include <libpq-fe.h>

#include "core/dl.h"

#define PC_DL_PQ_FUNCS(X)                                                      \
  X(PQconnectdb)                                                               \
  X(PQstatus)                                                                  \
  X(PQerrorMessage)                                                            \
  X(PQfinish)                                                                  \
  X(PQreset)                                                                   \
  X(PQexec)                                                                    \
  X(PQexecParams)                                                              \
  X(PQprepare)                                                                 \
  X(PQexecPrepared)                                                            \
  X(PQresultStatus)                                                            \
  X(PQresultErrorMessage)                                                      \
  X(PQresultErrorField)                                                        \
  X(PQclear)                                                                   \
  X(PQntuples)                                                                 \
  X(PQgetvalue)                                                                \
  X(PQgetisnull)                                                               \
  X(PQsetNoticeProcessor)                                                      \
  X(PQserverVersion)                                                            \
  X(PQenterPipelineMode)                                                       \
  X(PQexitPipelineMode)                                                        \
  X(PQpipelineSync)                                                            \
  X(PQsendQueryPrepared)                                                       \
  X(PQgetResult)

struct pc_dl_pq {
  PC_DL_PQ_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_PQ) succeeded. */
const struct pc_dl_pq *pc_dl_pq(void);

#ifndef PC_DL_IMPL
#define PQconnectdb (pc_dl_pq()->PQconnectdb)
#define PQstatus (pc_dl_pq()->PQstatus)
#define PQerrorMessage (pc_dl_pq()->PQerrorMessage)
#define PQfinish (pc_dl_pq()->PQfinish)
#define PQreset (pc_dl_pq()->PQreset)
#define PQexec (pc_dl_pq()->PQexec)
#define PQexecParams (pc_dl_pq()->PQexecParams)
#define PQprepare (pc_dl_pq()->PQprepare)
#define PQexecPrepared (pc_dl_pq()->PQexecPrepared)
#define PQresultStatus (pc_dl_pq()->PQresultStatus)
#define PQresultErrorMessage (pc_dl_pq()->PQresultErrorMessage)
#define PQresultErrorField (pc_dl_pq()->PQresultErrorField)
#define PQclear (pc_dl_pq()->PQclear)
#define PQntuples (pc_dl_pq()->PQntuples)
#define PQgetvalue (pc_dl_pq()->PQgetvalue)
#define PQgetisnull (pc_dl_pq()->PQgetisnull)
#define PQsetNoticeProcessor (pc_dl_pq()->PQsetNoticeProcessor)
#define PQserverVersion (pc_dl_pq()->PQserverVersion)
#define PQenterPipelineMode (pc_dl_pq()->PQenterPipelineMode)
#define PQexitPipelineMode (pc_dl_pq()->PQexitPipelineMode)
#define PQpipelineSync (pc_dl_pq()->PQpipelineSync)
#define PQsendQueryPrepared (pc_dl_pq()->PQsendQueryPrepared)
#define PQgetResult (pc_dl_pq()->PQgetResult)
#endif

#endif
