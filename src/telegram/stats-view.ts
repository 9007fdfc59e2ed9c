/** What `/stats` shows, in either language. */
export interface StatsView {
  chats: number;
  active: number;
  subs: number;
  articles: number;
  queue: string;
  lastPoll: string;
}
