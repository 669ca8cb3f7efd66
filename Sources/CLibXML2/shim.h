// libxml2's headers include ICU's, which clash with Foundation's bundled ICU;
// Memograph does not need libxml2's ICU support, so it is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/catalog.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>
