/* Every handler of the route table. */
#ifndef HTTP_HANDLERS_H
#define HTTP_HANDLERS_H

#include "request.h"

int page_home(struct request *r);
int page_authorities(struct request *r);
int page_authority(struct request *r);
int api_authorities(struct request *r);
int api_authorities_csv(struct request *r);
int api_authority(struct request *r);
int api_healthz(struct request *r);
int asset_get(struct request *r);

#endif
