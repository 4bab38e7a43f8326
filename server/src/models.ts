// Registers every mongoose model, so syncIndexes() sees them all whichever role starts.
import './audit/model.js';
import './callbacks/model.js';
import './canned-responses/model.js';
import './competitors/model.js';
import './contacts/model.js';
import './dealers/model.js';
import './expert-groups/model.js';
import './interactions/model.js';
import './knowledge/model.js';
import './products/model.js';
import './routing/rules.model.js';
import './shipments/model.js';
import './surveys/model.js';
import './tickets/message.model.js';
import './tickets/model.js';
import './users/model.js';
import './visits/model.js';
