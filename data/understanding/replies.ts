import { Replies, type ReplyData } from '../../services/understanding/replies';
import data from './replies.json';

/** The team's short replies (skip, confirm, cancel …) as the dialogs read them. */
export function loadReplies(): Replies {
  return new Replies(data as ReplyData);
}
