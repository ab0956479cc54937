/** 404 for unknown stories, outlets and pages. */
export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>There is no such page. The story may have been removed, or the link mistyped.</p>
      <p>
        <a href="/">Back to the stories</a>
      </p>
    </>
  );
}
