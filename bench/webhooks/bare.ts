/**
 * The least a durable webhook can do: parse the same form and insertOne into the same database.
 * Started by run.ts as its own process (as the real server is), on PORT, against MONGODB_URI.
 */
import express from 'express';
import mongoose from 'mongoose';

// The driver mongoose wraps, used directly: no schema, no model, one insertOne per request.
const client = await new mongoose.mongo.MongoClient(process.env.MONGODB_URI!).connect();
const collection = client.db(process.env.MONGODB_DB!).collection('bare_webhooks');
const app = express();
app.post('/webhook', express.urlencoded({ extended: false, limit: '64kb' }), (req, res, next) => {
  const form = req.body as Record<string, string>;
  collection
    .insertOne({ sid: form.MessageSid, from: form.From, body: form.Body, at: new Date() })
    .then(() =>
      res.status(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>'),
    )
    .catch(next);
});
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
