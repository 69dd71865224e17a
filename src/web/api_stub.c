/* Placeholder handlers until api_*.c and assets.c land; delete this file then. */
#include "web/web.h"
void asset_get(Req *r) { (void)r; }
void api_session_login(Req *r) { (void)r; }
void api_session_logout(Req *r) { (void)r; }
void api_session_get(Req *r) { (void)r; }
void api_cadres_list(Req *r) { (void)r; }
void api_cadre_get(Req *r) { (void)r; }
void api_units(Req *r) { (void)r; }
